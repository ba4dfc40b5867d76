using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Client;

// AddSupacryptClient as a service in an AppHost uses it: the endpoint comes from the service-discovery configuration
// Aspire injects (services__backend__grpc__0), the identity from the Supacrypt:Client section.
[Collection(BackendTests.Name)]
public sealed class AspireClientIntegrationTests(BackendFixture backend)
{
    [Fact]
    public async Task AddSupacryptClient_resolves_the_grpc_endpoint_through_service_discovery_and_calls_over_mutual_tls()
    {
        using var host = BuildHost(backend.GrpcUri);
        var client = host.Services.GetRequiredService<SupacryptService.SupacryptServiceClient>();

        var response = await client.ListKeysAsync(new ListKeysRequest { Version = 1, PageSize = 1 }, deadline: DateTime.UtcNow.AddSeconds(30));

        Assert.Equal(ListKeysResponse.ResultOneofCase.Success, response.ResultCase);
    }

    [Fact]
    public async Task The_health_check_is_healthy_when_the_backend_answers_and_unhealthy_when_it_does_not()
    {
        using var reachable = BuildHost(backend.GrpcUri);
        using var unreachable = BuildHost(new Uri($"https://127.0.0.1:{BackendFixture.FreePort()}"));

        var healthy = await reachable.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var unhealthy = await unreachable.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, healthy.Entries["supacrypt-backend"].Status);
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Entries["supacrypt-backend"].Status);
    }

    private static IHost BuildHost(Uri grpcEndpoint) => ClientHost.Build(ClientHost.Consumer(grpcEndpoint));
}
