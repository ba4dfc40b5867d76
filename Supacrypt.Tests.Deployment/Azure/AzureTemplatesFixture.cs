using System.Text.Json.Nodes;

namespace Supacrypt.Tests.Deployment.Azure;

// The two deployments azd runs: provisioning (infra/main.bicep, every module nested in it), then the backend's app.
public sealed class AzureTemplatesFixture : IAsyncLifetime
{
    public const string ProvisioningPath = "infra/main.bicep";
    public const string ContainerAppPath = "Supacrypt.AppHost/infra/backend/backend.module.bicep";
    public const string AuthorizedClientsPath = "Supacrypt.AppHost/infra/backend/authorized-clients.bicep";
    public const string ContainerAppParametersPath = "Supacrypt.AppHost/infra/backend/backend.tmpl.bicepparam";

    public JsonObject Provisioning { get; private set; } = null!;

    public JsonObject ContainerApp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var compiled = await Bicep.CompiledAsync();
        Provisioning = compiled[ProvisioningPath];
        ContainerApp = compiled[ContainerAppPath];
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class AzureTemplatesGroup : ICollectionFixture<AzureTemplatesFixture>
{
    public const string Name = "Azure templates";
}
