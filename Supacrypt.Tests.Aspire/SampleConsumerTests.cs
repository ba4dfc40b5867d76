using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Supacrypt.Client;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Aspire;

// samples/Supacrypt.Sample.Api in the AppHost with WithReference(backend).WithSupacryptClientCertificate(): the
// consumer finds the backend's https grpc endpoint and calls it over mutual TLS as the development PKI's signer.
[Collection(SharedSupacryptApp.Name)]
public sealed class SampleConsumerTests(SupacryptAppFixture fixture)
{
    [Fact]
    public async Task The_sample_consumer_signs_through_the_backend_with_the_certificate_the_apphost_issued()
    {
        var keyName = $"{Supacrypt.DevPki.DevelopmentPki.SignerKeyPrefix}{Guid.NewGuid():N}";
        var key = await fixture.Client.CreateAsync(TestKey.P256, keyName);
        var data = "signed by the sample consumer"u8.ToArray();

        using var response = await SignThroughSampleAsync(keyName, data);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var signed = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var ecdsa = key.PublicKey.ToECDsa();
        Assert.True(ecdsa.VerifyData(data, Convert.FromBase64String(signed.GetProperty("signature").GetString()!), HashAlgorithmName.SHA256));
        Assert.True(signed.GetProperty("verifiedLocally").GetBoolean());
    }

    [Fact]
    public async Task The_sample_consumer_is_refused_keys_outside_the_signers_prefix()
    {
        var keyName = $"other-{Guid.NewGuid():N}";
        await fixture.Client.CreateAsync(TestKey.P256, keyName);

        using var response = await SignThroughSampleAsync(keyName, "x"u8.ToArray());

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(nameof(ErrorCode.AuthorizationFailed), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // The sample is healthy once its own health check has reached the backend with the certificate it was handed.
    private async Task<HttpResponseMessage> SignThroughSampleAsync(string keyName, byte[] data)
    {
        using var timeout = new CancellationTokenSource(SupacryptAppFixture.StartTimeout);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(SupacryptAppFixture.SampleConsumer, timeout.Token);
        using var http = new HttpClient { BaseAddress = fixture.App.GetEndpoint(SupacryptAppFixture.SampleConsumer, "http"), Timeout = SupacryptAppFixture.CallTimeout };
        return await http.PostAsync(new Uri($"/sign/{keyName}", UriKind.Relative), new ByteArrayContent(data), timeout.Token);
    }
}
