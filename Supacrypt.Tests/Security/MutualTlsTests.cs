using Grpc.Core;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Security;

[Collection(BackendTests.Name)]
public sealed class MutualTlsTests(BackendFixture fixture)
{
    public static TheoryData<string, StatusCode> Callers() => new()
    {
        { "none", StatusCode.Unauthenticated },
        // Refused at the TLS handshake, before any request: the connection fails.
        { "rogue", StatusCode.Unavailable },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task A_caller_without_a_certificate_from_the_configured_authority_is_turned_away(string caller, StatusCode expected)
    {
        var certificate = caller == "rogue" ? TestCertificates.Shared.RogueClient : null;
        using var channel = TestCertificates.Shared.CreateChannel(fixture.GrpcUri, certificate);
        var client = new SupacryptService.SupacryptServiceClient(channel);

        var failure = await Assert.ThrowsAsync<RpcException>(() => client.ListKeysAsync(new ListKeysRequest()).ResponseAsync);

        Assert.Equal(expected, failure.StatusCode);
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
