using Grpc.Core;
using Grpc.Health.V1;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Observability;

[Collection(ObservedBackendTests.Name)]
public sealed class GrpcHealthTests(ObservedBackendFixture fixture)
{
    [Fact]
    public async Task Grpc_health_answers_serving_to_a_caller_without_a_client_certificate()
    {
        var health = new Health.HealthClient(fixture.AnonymousChannel);

        var overall = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, overall.Status);
    }

    [Fact]
    public async Task The_crypto_api_still_refuses_the_caller_the_health_service_admits()
    {
        var client = new SupacryptService.SupacryptServiceClient(fixture.AnonymousChannel);

        var refusal = await Assert.ThrowsAsync<RpcException>(() => client.ListKeysAsync(new ListKeysRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refusal.StatusCode);
    }

    [Fact]
    public async Task Grpc_health_answers_not_serving_while_the_vault_is_unreachable()
    {
        // A port nothing listens on: every Key Vault request is refused at once.
        var unreachableVault = new Uri($"http://127.0.0.1:{BackendFixture.FreePort()}/");
        var grpcPort = BackendFixture.FreePort();
        await using var backend = new BackendFixture.BackendFactory(BackendFixture.BackendSettings(unreachableVault, grpcPort, BackendFixture.FreePort()));
        backend.UseKestrel();
        backend.StartServer();
        using var channel = TestCertificates.Shared.CreateChannel(new Uri($"https://127.0.0.1:{grpcPort}"), null);
        var health = new Health.HealthClient(channel);

        var overall = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, overall.Status);
    }
}
