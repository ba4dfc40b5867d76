using System.Text.Json;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// Runs KubernetesSchemas/validate.mjs (node) over a render and reads its report.
internal static class KubernetesSchemas
{
    private static readonly string Script = Path.Combine(RepositoryFiles.Root, "Supacrypt.Tests.Deployment", "KubernetesSchemas", "validate.mjs");

    public static async Task<Report> ValidateAsync(string yaml)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, yaml);
            var result = await ExternalProcess.RunAsync("node", [Script, file], null, TimeSpan.FromMinutes(2));
            Assert.True(result.ExitCode == 0, result.ToString());
            using var report = JsonDocument.Parse(result.StandardOutput);
            var root = report.RootElement;
            return new Report(
                Strings(root.GetProperty("validated")),
                root.GetProperty("errors").EnumerateArray().Select(error => $"{error.GetProperty("document").GetString()}: {error.GetProperty("message").GetString()}").ToList(),
                Strings(root.GetProperty("unknown")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()!).ToList();

    public sealed record Report(IReadOnlyList<string> Validated, IReadOnlyList<string> Errors, IReadOnlyList<string> Unknown);
}
