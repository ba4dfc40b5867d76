using System.Text.Json.Nodes;
using Supacrypt.Tests.Deployment;
using Supacrypt.Tests.Deployment.Azure;
using Supacrypt.Tests.Deployment.Containers;

namespace Supacrypt.Tests.Aspire;

// The manifest is what deployment tools read: it must say exactly which ports carry what, and what Azure creates.
public sealed class PublishManifestTests(PublishedManifest manifest) : IClassFixture<PublishedManifest>
{
    // Parameters azd fills itself: location always, the others by convention when the manifest leaves them empty.
    private static readonly string[] FilledByAzd = ["location", "principalId", "principalType", "logAnalyticsWorkspaceId"];

    private JsonObject Resources => manifest.Default["resources"]!.AsObject();

    [Fact]
    public void Manifest_gives_the_backend_exactly_an_http2_grpc_binding_and_an_http_binding_on_distinct_ports()
    {
        var bindings = Resources["backend"]!["bindings"]!.AsObject();

        Assert.Equal(["grpc", "http"], bindings.Select(binding => binding.Key).Order());
        Assert.Equal("http2", bindings["grpc"]!["transport"]!.GetValue<string>());
        Assert.Equal("http", bindings["http"]!["transport"]!.GetValue<string>());
        Assert.NotEqual(bindings["grpc"]!["targetPort"]!.GetValue<int>(), bindings["http"]!["targetPort"]!.GetValue<int>());
    }

    [Fact]
    public void Manifest_models_the_key_vault_as_a_bicep_module_whose_vault_uri_is_the_backends_connection_string()
    {
        var keyvault = Resources["keyvault"]!;

        Assert.Equal(["backend", "keyvault"], Resources.Select(resource => resource.Key).Order());
        Assert.Equal("azure.bicep.v0", keyvault["type"]!.GetValue<string>());
        Assert.Equal("{keyvault.outputs.vaultUri}", keyvault["connectionString"]!.GetValue<string>());
        Assert.Equal("{keyvault.connectionString}", Resources["backend"]!["env"]!["ConnectionStrings__keyvault"]!.GetValue<string>());
        Assert.Null(Resources["backend"]!["env"]!["KeyVault__Credential"]);
    }

    [Fact]
    public void Manifest_builds_the_backend_from_the_repository_Dockerfile_whose_ports_match_its_bindings()
    {
        var backend = Resources["backend"]!;
        var exposed = Dockerfile.Parse(RepositoryFiles.Read("Dockerfile")).ExposedPorts;

        Assert.Equal("container.v1", backend["type"]!.GetValue<string>());
        Assert.Equal(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(manifest.Directory, backend["build"]!["context"]!.GetValue<string>())));
        Assert.Equal(RepositoryFiles.PathOf("Dockerfile"), Path.GetFullPath(Path.Combine(manifest.Directory, backend["build"]!["dockerfile"]!.GetValue<string>())));
        Assert.Equal(exposed, backend["bindings"]!.AsObject().Select(binding => binding.Value!["targetPort"]!.GetValue<int>()).Order());
    }

    [Fact]
    public async Task Manifest_names_the_key_vault_module_and_supplies_every_parameter_it_declares()
    {
        var keyvault = Resources["keyvault"]!;
        var parameters = keyvault["params"]!.AsObject();

        await AssertModuleTakes(keyvault["path"]!.GetValue<string>(), "infra/keyvault/keyvault.module.bicep", parameters);
        Assert.All(["principalId", "principalType", "logAnalyticsWorkspaceId"], name => Assert.Equal("", parameters[name]!.GetValue<string>()));
        Assert.True(parameters["allowKeyManagement"]!.GetValue<bool>());
        Assert.Equal("standard", parameters["skuName"]!.GetValue<string>());
        Assert.Equal("Enabled", parameters["publicNetworkAccess"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_key_management_the_manifest_asks_for_crypto_user_on_a_premium_vault_when_configured()
    {
        var published = await manifest.PublishAsync(
            "crypto-user", "--Supacrypt:AllowKeyManagement=false", "--Supacrypt:KeyVault:Sku=premium");

        var parameters = published["resources"]!["keyvault"]!["params"]!;
        Assert.False(parameters["allowKeyManagement"]!.GetValue<bool>());
        Assert.Equal("premium", parameters["skuName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Manifest_deploys_the_backend_with_its_container_app_module_and_the_vault_uri()
    {
        var backend = Resources["backend"]!;
        var deployment = backend["deployment"]!;
        var parameters = deployment["params"]!.AsObject();

        Assert.Equal("azure.bicep.v0", deployment["type"]!.GetValue<string>());
        // The client CA, its CRL URL and the callers are the operator's inputs (SUPACRYPT_CLIENT_CA, SUPACRYPT_CRL_URL,
        // SUPACRYPT_AUTHORIZED_CLIENTS), which backend.tmpl.bicepparam reads.
        await AssertModuleTakes(
            deployment["path"]!.GetValue<string>(), AzureTemplatesFixture.ContainerAppPath, parameters,
            "clientCaCertificates", "certificateRevocationListUrl", "authorizedClients");
        Assert.Equal("{keyvault.connectionString}", parameters["keyVaultUri"]!.GetValue<string>());
        Assert.Equal("{backend.containerImage}", parameters["containerImage"]!.GetValue<string>());
    }

    // For tests elsewhere that read the default manifest once (the Kubernetes conversion).
    internal static async Task<JsonNode> PublishManifestAsync()
    {
        var published = new PublishedManifest();
        try
        {
            await published.InitializeAsync();
            return published.Default;
        }
        finally
        {
            await published.DisposeAsync();
        }
    }

    // The path is the repository's module, and the manifest's parameters are exactly the module's required ones
    // (less those azd fills or the operator gives), each of them declared by the module.
    private async Task AssertModuleTakes(string manifestPath, string repositoryPath, JsonObject parameters, params string[] operatorInputs)
    {
        Assert.Equal(
            RepositoryFiles.PathOf(repositoryPath),
            Path.GetFullPath(Path.Combine(manifest.Directory, manifestPath)));

        var declared = (await Bicep.CompiledAsync())[repositoryPath]["parameters"]!.AsObject();
        var required = declared.Where(parameter => parameter.Value!["defaultValue"] is null).Select(parameter => parameter.Key)
            .Except(FilledByAzd.Where(name => !parameters.ContainsKey(name))).Except(operatorInputs);

        Assert.All(parameters, parameter => Assert.True(declared.ContainsKey(parameter.Key), $"The module declares no '{parameter.Key}'."));
        Assert.All(required, name => Assert.True(parameters.ContainsKey(name), $"The manifest does not supply '{name}'."));
    }
}
