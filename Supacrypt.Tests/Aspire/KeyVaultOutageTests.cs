using System.Net;
using Aspire.Hosting.ApplicationModel;

namespace Supacrypt.Tests.Aspire;

// Stops and restarts the emulator inside the shared application; the test leaves everything healthy again.
[Collection(SharedSupacryptApp.Name)]
public sealed class KeyVaultOutageTests(SupacryptAppFixture fixture)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Readiness_fails_while_the_key_store_is_down_and_recovers_when_it_returns_while_liveness_holds()
    {
        using var timeout = new CancellationTokenSource(3 * SupacryptAppFixture.StateChangeTimeout);
        using var client = fixture.CreateHealthClient();
        var app = fixture.App;

        var stop = await app.ResourceCommands.ExecuteCommandAsync(SupacryptAppFixture.KeyVault, KnownResourceCommands.StopCommand, timeout.Token);
        Assert.True(stop.Success, stop.Message);
        try
        {
            await WaitForStatusAsync(client, "/health/ready", HttpStatusCode.ServiceUnavailable, timeout.Token);
            await app.ResourceNotifications.WaitForResourceAsync(
                SupacryptAppFixture.Backend,
                resource => resource.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy,
                timeout.Token);

            // A key store outage is no reason to restart the backend.
            using var liveness = await client.GetAsync(new Uri("/health", UriKind.Relative), timeout.Token);
            Assert.Equal(HttpStatusCode.OK, liveness.StatusCode);
        }
        finally
        {
            using var restartTimeout = new CancellationTokenSource(SupacryptAppFixture.StateChangeTimeout);
            var start = await app.ResourceCommands.ExecuteCommandAsync(SupacryptAppFixture.KeyVault, KnownResourceCommands.StartCommand, restartTimeout.Token);
            Assert.True(start.Success, start.Message);
            await app.ResourceNotifications.WaitForResourceHealthyAsync(SupacryptAppFixture.KeyVault, restartTimeout.Token);
        }

        await WaitForStatusAsync(client, "/health/ready", HttpStatusCode.OK, timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(SupacryptAppFixture.Backend, timeout.Token);
    }

    private static async Task WaitForStatusAsync(HttpClient client, string path, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
            if (response.StatusCode == expected)
            {
                return;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
