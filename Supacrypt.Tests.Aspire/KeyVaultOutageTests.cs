using System.Net;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Supacrypt.Tests.Aspire;

// Stops and restarts the emulator inside the shared application; the test leaves everything healthy again.
[Collection(SharedSupacryptApp.Name)]
public sealed class KeyVaultOutageTests(SupacryptAppFixture fixture)
{
    private const string Readiness = "/health/ready";
    private const string Liveness = "/health";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    // A stopped emulator leaves Aspire's proxy accepting connections that never answer, so the backend's readiness
    // check only fails once the Key Vault client gives up (its network timeout, per retry). Allow for that.
    private static readonly TimeSpan OutageDetectionTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Readiness_fails_while_the_key_store_is_down_and_recovers_when_it_returns_while_liveness_holds()
    {
        using var client = fixture.CreateHealthClient(OutageDetectionTimeout);
        var app = fixture.App;

        using (var outage = new CancellationTokenSource(OutageDetectionTimeout + SupacryptAppFixture.StateChangeTimeout))
        {
            var stop = await app.ResourceCommands.ExecuteCommandAsync(SupacryptAppFixture.KeyVault, KnownResourceCommands.StopCommand, outage.Token);
            Assert.True(stop.Success, stop.Message);
            try
            {
                await WaitForStatusAsync(client, Readiness, HttpStatusCode.ServiceUnavailable, outage.Token);
                await app.ResourceNotifications.WaitForResourceAsync(
                    SupacryptAppFixture.Backend,
                    resource => resource.Snapshot.HealthStatus == HealthStatus.Unhealthy,
                    outage.Token);

                // A key store outage is no reason to restart the backend.
                using var liveness = await client.GetAsync(new Uri(Liveness, UriKind.Relative), outage.Token);
                Assert.Equal(HttpStatusCode.OK, liveness.StatusCode);
            }
            finally
            {
                using var restart = new CancellationTokenSource(SupacryptAppFixture.StateChangeTimeout);
                var start = await app.ResourceCommands.ExecuteCommandAsync(SupacryptAppFixture.KeyVault, KnownResourceCommands.StartCommand, restart.Token);
                Assert.True(start.Success, start.Message);
                await app.ResourceNotifications.WaitForResourceHealthyAsync(SupacryptAppFixture.KeyVault, restart.Token);
            }
        }

        using var recovery = new CancellationTokenSource(SupacryptAppFixture.StateChangeTimeout);
        await WaitForStatusAsync(client, Readiness, HttpStatusCode.OK, recovery.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(SupacryptAppFixture.Backend, recovery.Token);
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
