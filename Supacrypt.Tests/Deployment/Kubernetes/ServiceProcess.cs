using System.Diagnostics;
using System.Reflection;
using Supacrypt.Tests.Deployment.Containers;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// A Supacrypt service run from its build output as its container runs it (`dotnet <service>.dll`, its own folder as
// content root), with exactly the environment a manifest gives it.
internal static class ServiceProcess
{
    public static SandboxedProcess Start(string project, IReadOnlyDictionary<string, string> environment)
    {
        var configuration = typeof(ServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var output = Path.Combine(KustomizeFixture.RepositoryRoot, project, "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(output, $"{project}.dll"));
        // Nothing from the test run's own environment decides how the service is configured or where telemetry goes.
        foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || key.StartsWith("DOTNET_", StringComparison.Ordinal) || key.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return SandboxedProcess.Start(start);
    }
}
