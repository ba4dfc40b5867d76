using Grpc.Core;
using Supacrypt.DevPki;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Aspire;

// `dotnet run --project Supacrypt.AppHost` serves mutual TLS with the development PKI and its two callers.
[Collection(SharedSupacryptApp.Name)]
public sealed class DevelopmentMutualTlsTests(SupacryptAppFixture fixture)
{
    [Fact]
    public async Task The_signer_may_use_only_keys_named_with_its_prefix()
    {
        var inside = $"{DevelopmentPki.SignerKeyPrefix}{Guid.NewGuid():N}";
        var outside = $"other-{Guid.NewGuid():N}";
        await fixture.Client.CreateAsync(TestKey.P256, inside);
        await fixture.Client.CreateAsync(TestKey.P256, outside);
        using var channel = fixture.CreateChannel(SupacryptAppFixture.Pki.SignerCertificate, SupacryptAppFixture.Pki.SignerKey);
        var signer = new SupacryptService.SupacryptServiceClient(channel);
        var data = Google.Protobuf.ByteString.CopyFromUtf8("signed by the signer");

        var allowed = await signer.SignDataAsync(new SignDataRequest { KeyId = inside, Data = data });
        var refused = await signer.SignDataAsync(new SignDataRequest { KeyId = outside, Data = data });
        var generate = await signer.GenerateKeyAsync(new GenerateKeyRequest { Name = $"{DevelopmentPki.SignerKeyPrefix}{Guid.NewGuid():N}", Algorithm = KeyAlgorithm.Ecc });
        var listed = await signer.ListKeysAsync(new ListKeysRequest { PageSize = 100 });

        Assert.Equal(SignDataResponse.ResultOneofCase.Success, allowed.ResultCase);
        Assert.Equal(ErrorCode.AuthorizationFailed, refused.Error?.Code);
        Assert.Equal(ErrorCode.AuthorizationFailed, generate.Error?.Code);
        Assert.All(listed.Success.Keys, key => Assert.StartsWith(DevelopmentPki.SignerKeyPrefix, key.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_without_a_client_certificate_is_unauthenticated()
    {
        using var channel = fixture.CreateChannel(null, null);
        var anonymous = new SupacryptService.SupacryptServiceClient(channel);

        var failure = await Assert.ThrowsAsync<RpcException>(() => anonymous.ListKeysAsync(new ListKeysRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
    }

    [Fact]
    public async Task The_admin_is_served_over_mutual_tls()
    {
        var response = await fixture.Client.ListKeysAsync(new ListKeysRequest { PageSize = 1 });

        Assert.Equal("https", fixture.GrpcUri.Scheme);
        Assert.Equal(ListKeysResponse.ResultOneofCase.Success, response.ResultCase);
    }
}
