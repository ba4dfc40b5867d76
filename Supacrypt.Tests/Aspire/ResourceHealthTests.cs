using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Supacrypt.Tests.Aspire;

[Collection(SharedSupacryptApp.Name)]
public sealed class ResourceHealthTests(SupacryptAppFixture fixture)
{
    [Fact]
    public async Task Every_resource_of_the_application_reaches_healthy()
    {
        using var timeout = new CancellationTokenSource(SupacryptAppFixture.StateChangeTimeout);
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();

        Assert.NotEmpty(model.Resources);
        foreach (var resource in model.Resources)
        {
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, timeout.Token);
        }
    }

    [Fact]
    public void The_application_runs_the_key_vault_emulator_and_the_backend_and_no_container()
    {
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();

        var names = model.Resources.Select(resource => resource.Name).Order().ToArray();

        Assert.Equal([SupacryptAppFixture.Backend, SupacryptAppFixture.KeyVault], names);
        Assert.DoesNotContain(model.Resources, resource => resource is ContainerResource);
    }
}
