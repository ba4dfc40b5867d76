using System.Reflection;
using System.Text.Json.Nodes;
using Supacrypt.Tests.Deployment;
using Supacrypt.Tests.Deployment.Containers;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Aspire;

// The manifest is what deployment tools read: it must say exactly which ports carry what.
public sealed class PublishManifestTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Manifest_gives_the_backend_exactly_an_http2_grpc_binding_and_an_http_binding_on_distinct_ports()
    {
        var manifest = await PublishManifestAsync();

        var bindings = manifest["resources"]!["backend"]!["bindings"]!.AsObject();

        Assert.Equal(["grpc", "http"], bindings.Select(binding => binding.Key).Order());
        Assert.Equal("http2", bindings["grpc"]!["transport"]!.GetValue<string>());
        Assert.Equal("http", bindings["http"]!["transport"]!.GetValue<string>());
        Assert.NotEqual(bindings["grpc"]!["targetPort"]!.GetValue<int>(), bindings["http"]!["targetPort"]!.GetValue<int>());
    }

    [Fact]
    public async Task Manifest_takes_the_key_vault_as_a_connection_string_from_the_deployment_and_hands_it_to_the_backend()
    {
        var manifest = await PublishManifestAsync();

        var resources = manifest["resources"]!.AsObject();

        Assert.Equal(["backend", "keyvault"], resources.Select(resource => resource.Key).Order());
        Assert.Equal("parameter.v0", resources["keyvault"]!["type"]!.GetValue<string>());
        Assert.Equal("{keyvault.connectionString}", resources["backend"]!["env"]!["ConnectionStrings__keyvault"]!.GetValue<string>());
        Assert.Null(resources["backend"]!["env"]!["KeyVault__Credential"]);
    }

    [Fact]
    public async Task Manifest_builds_the_backend_from_the_repository_Dockerfile_whose_ports_match_its_bindings()
    {
        var (manifest, directory) = await PublishManifestWithDirectoryAsync();

        var backend = manifest["resources"]!["backend"]!;
        var exposed = Dockerfile.Parse(RepositoryFiles.Read("Dockerfile")).ExposedPorts;

        Assert.Equal("container.v1", backend["type"]!.GetValue<string>());
        Assert.Equal(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(directory, backend["build"]!["context"]!.GetValue<string>())));
        Assert.Equal(RepositoryFiles.PathOf("Dockerfile"), Path.GetFullPath(Path.Combine(directory, backend["build"]!["dockerfile"]!.GetValue<string>())));
        Assert.Equal(exposed, backend["bindings"]!.AsObject().Select(binding => binding.Value!["targetPort"]!.GetValue<int>()).Order());
    }

    internal static async Task<JsonNode> PublishManifestAsync() => (await PublishManifestWithDirectoryAsync()).Manifest;

    // Runs the README's command against the AppHost this test project built (same configuration, no rebuild).
    // The manifest and the folder it was written to: its paths are relative to that folder.
    private static async Task<(JsonNode Manifest, string Directory)> PublishManifestWithDirectoryAsync()
    {
        var directory = Directory.CreateTempSubdirectory("supacrypt-manifest-");
        try
        {
            var output = Path.Combine(directory.FullName, "aspire-manifest.json");
            var configuration = typeof(PublishManifestTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            string[] arguments =
            [
                "run", "--no-build", "--no-launch-profile", "--configuration", configuration,
                "--project", Projects.Supacrypt_AppHost.ProjectPath,
                "--", "--publisher", "manifest", "--output-path", output,
            ];
            var result = await ExternalProcess.RunAsync("dotnet", arguments, null, PublishTimeout);

            Assert.True(result.ExitCode == 0, $"Publishing the manifest failed: {result}");
            return (JsonNode.Parse(await File.ReadAllTextAsync(output))!, directory.FullName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
