namespace Supacrypt.Tests.Deployment.Kubernetes;

// A Supacrypt service run from its build output as its container runs it (`dotnet <service>.dll`, its own folder as
// content root), with exactly the environment a manifest gives it.
internal static class ServiceProcess
{
    public static ExternalProcess Start(string project, IReadOnlyDictionary<string, string> environment)
    {
        var output = RepositoryFiles.ProjectOutput(project);
        var start = ExternalProcess.StartInfo("dotnet", [Path.Combine(output, $"{project}.dll")], output);
        // Nothing from the test run's own environment decides how the service is configured or where telemetry goes.
        foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || key.StartsWith("DOTNET_", StringComparison.Ordinal) || key.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return ExternalProcess.Start(start);
    }
}
