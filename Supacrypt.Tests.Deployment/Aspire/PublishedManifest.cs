using System.Reflection;
using System.Text.Json.Nodes;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Aspire;

// The manifest as the README's command (and azd) publishes it, from the AppHost this test project built.
public sealed class PublishedManifest : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(2);

    private readonly DirectoryInfo directory = System.IO.Directory.CreateTempSubdirectory("supacrypt-manifest-");

    public JsonNode Default { get; private set; } = null!;

    // Paths in the manifest are relative to the manifest's own directory.
    public string Directory => directory.FullName;

    public async Task InitializeAsync() => Default = await PublishAsync("default");

    public Task DisposeAsync()
    {
        directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    // Extra arguments are AppHost configuration, e.g. "--Supacrypt:AllowKeyManagement=false".
    public async Task<JsonNode> PublishAsync(string name, params string[] configuration)
    {
        var output = Path.Combine(Directory, $"{name}.json");
        var buildConfiguration = typeof(PublishedManifest).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        string[] arguments =
        [
            "run", "--no-build", "--no-launch-profile", "--configuration", buildConfiguration,
            "--project", Projects.Supacrypt_AppHost.ProjectPath,
            "--", "--publisher", "manifest", "--output-path", output, .. configuration,
        ];
        var result = await ExternalProcess.RunAsync("dotnet", arguments, null, PublishTimeout);

        Assert.True(result.ExitCode == 0, $"Publishing the manifest failed: {result}");
        return JsonNode.Parse(await File.ReadAllTextAsync(output))!;
    }
}
