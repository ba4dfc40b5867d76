using Grpc.Core;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Security;

[Collection(BackendTests.Name)]
public sealed class MutualTlsTests(BackendFixture fixture)
{
    [Fact]
    public async Task A_caller_without_a_certificate_is_unauthenticated()
    {
        Assert.Equal(StatusCode.Unauthenticated, await ListKeysFailureAsync(null));
    }

    [Fact]
    public async Task A_certificate_from_another_authority_is_refused_at_the_handshake()
    {
        // The connection fails: UNAVAILABLE, or INTERNAL when TLS 1.3 delivers the server's alert after the request
        // went out. PERMISSION_DENIED would mean the request got through the handshake.
        Assert.Contains(await ListKeysFailureAsync(TestCertificates.Shared.RogueClient), new[] { StatusCode.Unavailable, StatusCode.Internal });
    }

    private async Task<StatusCode> ListKeysFailureAsync(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
    {
        using var channel = TestCertificates.Shared.CreateChannel(fixture.GrpcUri, certificate);
        var client = new SupacryptService.SupacryptServiceClient(channel);
        var failure = await Assert.ThrowsAsync<RpcException>(() => client.ListKeysAsync(new ListKeysRequest()).ResponseAsync);
        return failure.StatusCode;
    }

    [Fact]
    public async Task A_caller_with_a_certificate_from_the_configured_authority_is_served()
    {
        var response = await fixture.Client.ListKeysAsync(new ListKeysRequest { PageSize = 1 });

        Assert.Equal(ListKeysResponse.ResultOneofCase.Success, response.ResultCase);
    }

    [Fact]
    public async Task Health_probes_answer_on_plain_http_without_a_certificate()
    {
        using var http = new HttpClient { BaseAddress = fixture.HealthUri };

        using var live = await http.GetAsync(new Uri("/health", UriKind.Relative));
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.True(live.IsSuccessStatusCode);
        Assert.True(ready.IsSuccessStatusCode);
    }
}
