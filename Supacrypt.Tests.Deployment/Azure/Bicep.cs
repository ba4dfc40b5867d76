using System.Reflection;
using System.Text.Json.Nodes;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Deployment.Azure;

// The real Bicep compiler (the Azure.Bicep.CommandLine package the test project restores) on the repository's files.
// One start of the compiler costs seconds, so every template is built and linted once per test run.
internal static class Bicep
{
    // Where the deployment's templates live: infra/ and the AppHost's container app module.
    private const string Pattern = "**/infra/**/*.bicep";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<Task<CompiledTemplates>> Compiled = new(CompileAllAsync);

    private static string Executable { get; } = typeof(Bicep).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "BicepPath").Value!;

    public static IEnumerable<string> AllFiles() =>
        new[] { "infra", Path.Combine("Supacrypt.AppHost", "infra") }
            .SelectMany(folder => Directory.EnumerateFiles(RepositoryFiles.PathOf(folder), "*.bicep", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path))
            .Order(StringComparer.Ordinal);

    public static Task<CompiledTemplates> CompiledAsync() => Compiled.Value;

    public static Task<ProcessResult> LintAsync(string path) =>
        ExternalProcess.RunAsync(Executable, ["lint", path], RepositoryFiles.Root, Timeout);

    public static async Task<JsonObject> BuildParamsAsync(string path)
    {
        var result = await ExternalProcess.RunAsync(Executable, ["build-params", "--stdout", path], RepositoryFiles.Root, Timeout);

        Assert.True(result.ExitCode == 0 && string.IsNullOrWhiteSpace(result.StandardError), $"bicep build-params {path}: {result}");
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    private static async Task<CompiledTemplates> CompileAllAsync()
    {
        var output = Directory.CreateTempSubdirectory("supacrypt-bicep-build-");
        try
        {
            var build = await ExternalProcess.RunAsync(
                Executable, ["build", "--pattern", Pattern, "--outdir", output.FullName], RepositoryFiles.Root, Timeout);
            var lint = await ExternalProcess.RunAsync(Executable, ["lint", "--pattern", Pattern], RepositoryFiles.Root, Timeout);

            var templates = AllFiles().ToDictionary(
                file => file,
                file => Path.Combine(output.FullName, Path.ChangeExtension(file, ".json")) is var json && File.Exists(json)
                    ? JsonNode.Parse(File.ReadAllText(json))!.AsObject()
                    : null);

            return new(templates, build, lint);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}

// Each template's ARM JSON (null when it did not compile), and what the compiler and the linter said.
internal sealed record CompiledTemplates(IReadOnlyDictionary<string, JsonObject?> Templates, ProcessResult Build, ProcessResult Lint)
{
    public JsonObject this[string path] =>
        Templates[path] ?? throw new InvalidOperationException($"{path} did not compile: {Build}");
}
