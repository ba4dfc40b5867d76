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

        var resources = VisibleResources();

        Assert.NotEmpty(resources);
        foreach (var resource in resources)
        {
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, timeout.Token);
        }
    }

    [Fact]
    public void The_application_runs_the_key_vault_emulator_and_the_backend_and_no_container()
    {
        var resources = VisibleResources();

        // The fixture also turns on the opt-in sample consumer (Supacrypt:SampleConsumer), a project as well.
        Assert.Equal([SupacryptAppFixture.Backend, SupacryptAppFixture.KeyVault, SupacryptAppFixture.SampleConsumer], resources.Select(resource => resource.Name).Order());
        Assert.All(resources, resource => Assert.IsType<ProjectResource>(resource));
    }

    // What the dashboard shows: Aspire also models hidden helpers (e.g. the "rebuild" command's build runner),
    // which only run on demand.
    private List<IResource> VisibleResources()
    {
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();

        return model.Resources
            .Where(resource => !(fixture.App.ResourceNotifications.TryGetCurrentState(resource.Name, out var state) && state.Snapshot.IsHidden))
            .ToList();
    }
}
