using Grpc.Core;
using Microsoft.Extensions.Options;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Security;

[Collection(BackendTests.Name)]
public sealed class MutualTlsTests(BackendFixture fixture)
{
    public static TheoryData<string, StatusCode> Callers() => new()
    {
        { "none", StatusCode.Unauthenticated },
        { "rogue", StatusCode.PermissionDenied },
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

    public static TheoryData<string, string?, string> InsecureSettings() => new()
    {
        { "Security:Mode", "Insecure", "allowed only in the Development environment" },
        { "Kestrel:Endpoints:grpc:Url", "http://127.0.0.1:1", "needs the grpc endpoint on https://" },
        { "Security:ServerCertificatePath", "", "Security:ServerCertificatePath is required" },
        { "Security:ClientCertificateAuthorityPath", "/nonexistent/ca.pem", "does not exist" },
    };

    [Theory]
    [MemberData(nameof(InsecureSettings))]
    public async Task Production_refuses_to_start_without_working_mutual_tls(string key, string? value, string message)
    {
        var settings = BackendFixture.BackendSettings(fixture.Emulator.VaultUri, BackendFixture.FreePort(), BackendFixture.FreePort());
        settings[key] = value;
        await using var backend = new BackendFixture.BackendFactory(settings);
        backend.UseKestrel();

        var failure = Assert.ThrowsAny<OptionsValidationException>(backend.StartServer);

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }
}
