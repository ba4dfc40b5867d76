using System.Text;
using Google.Protobuf;
using Supacrypt.V1;

namespace Supacrypt.Tests.Aspire;

// Every supacrypt.v1 RPC over the real processes: client → backend (grpc endpoint, h2c) → Key Vault emulator.
[Collection(SharedSupacryptApp.Name)]
public sealed class BackendRpcTests(SupacryptAppFixture fixture)
{
    private const int MaxListPages = 100;

    private static readonly ByteString Message = ByteString.CopyFrom("Supacrypt signs this."u8);

    private readonly SupacryptService.SupacryptServiceClient _client = fixture.Client;

    [Theory]
    [InlineData(TestKeySpec.Rsa)]
    [InlineData(TestKeySpec.Ec)]
    public async Task GenerateKey_creates_the_requested_key_and_returns_its_public_key(string kind)
    {
        using var timeout = new CancellationTokenSource(SupacryptAppFixture.CallTimeout);
        var spec = TestKeySpec.Named(kind);
        var name = TestKeySpec.UniqueKeyName(kind);

        var generated = await GenerateAsync(spec, name, timeout.Token);

        Assert.Equal(name, generated.Metadata.Name);
        Assert.NotEmpty(generated.Metadata.KeyId);
        Assert.Equal(spec.Algorithm, generated.Metadata.Algorithm);
        Assert.True(generated.Metadata.Enabled);
        spec.AssertIsItsPublicKey(generated.PublicKey);
    }

    [Theory]
    [InlineData(TestKeySpec.Rsa)]
    [InlineData(TestKeySpec.Ec)]
    public async Task GetKey_returns_the_metadata_and_public_key_of_a_generated_key(string kind)
    {
        using var timeout = new CancellationTokenSource(SupacryptAppFixture.CallTimeout);
        var spec = TestKeySpec.Named(kind);
        var name = TestKeySpec.UniqueKeyName(kind);
        var generated = await GenerateAsync(spec, name, timeout.Token);

        var response = await _client.GetKeyAsync(
            new GetKeyRequest { Version = 1, KeyId = name, IncludePublicKey = true },
            deadline: Deadline(), cancellationToken: timeout.Token);

        var key = Succeeded(response.Success, response.Error);
        Assert.Equal(name, key.Metadata.Name);
        Assert.Equal(spec.Algorithm, key.Metadata.Algorithm);
        Assert.Equal(generated.PublicKey.KeyData, key.PublicKey.KeyData);
    }

    [Theory]
    [InlineData(TestKeySpec.Rsa)]
    [InlineData(TestKeySpec.Ec)]
    public async Task ListKeys_includes_a_generated_key(string kind)
    {
        using var timeout = new CancellationTokenSource(SupacryptAppFixture.CallTimeout);
        var name = TestKeySpec.UniqueKeyName(kind);
        await GenerateAsync(TestKeySpec.Named(kind), name, timeout.Token);

        var listed = new List<KeyMetadata>();
        var pageToken = string.Empty;
        for (var page = 0; page < MaxListPages; page++)
        {
            var response = await _client.ListKeysAsync(
                new ListKeysRequest { Version = 1, PageSize = 25, PageToken = pageToken },
                deadline: Deadline(), cancellationToken: timeout.Token);

            var success = Succeeded(response.Success, response.Error);
            listed.AddRange(success.Keys);
            pageToken = success.NextPageToken;
            if (string.IsNullOrEmpty(pageToken))
            {
                break;
            }
        }

        Assert.Contains(listed, key => key.Name == name);
    }

    [Theory]
    [InlineData(TestKeySpec.Rsa)]
    [InlineData(TestKeySpec.Ec)]
    public async Task SignData_signs_so_that_VerifySignature_and_the_public_key_both_accept_the_signature(string kind)
    {
        using var timeout = new CancellationTokenSource(SupacryptAppFixture.CallTimeout);
        var spec = TestKeySpec.Named(kind);
        var name = TestKeySpec.UniqueKeyName(kind);
        var generated = await GenerateAsync(spec, name, timeout.Token);

        var signResponse = await _client.SignDataAsync(
            new SignDataRequest { Version = 1, KeyId = name, Data = Message },
            deadline: Deadline(), cancellationToken: timeout.Token);
        var signed = Succeeded(signResponse.Success, signResponse.Error);

        var verifyResponse = await _client.VerifySignatureAsync(
            new VerifySignatureRequest { Version = 1, KeyId = name, Data = Message, Signature = signed.Signature },
            deadline: Deadline(), cancellationToken: timeout.Token);

        Assert.True(Succeeded(verifyResponse.Success, verifyResponse.Error).IsValid);
        Assert.True(spec.VerifiesWithDefaults(generated.PublicKey, Message.ToByteArray(), signed.Signature.ToByteArray()));
    }

    [Theory]
    [InlineData(TestKeySpec.Rsa)]
    [InlineData(TestKeySpec.Ec)]
    public async Task VerifySignature_reports_a_signature_over_other_data_as_invalid_not_as_an_error(string kind)
    {
        using var timeout = new CancellationTokenSource(SupacryptAppFixture.CallTimeout);
        var name = TestKeySpec.UniqueKeyName(kind);
        await GenerateAsync(TestKeySpec.Named(kind), name, timeout.Token);
        var signResponse = await _client.SignDataAsync(
            new SignDataRequest { Version = 1, KeyId = name, Data = Message },
            deadline: Deadline(), cancellationToken: timeout.Token);
        var signature = Succeeded(signResponse.Success, signResponse.Error).Signature;

        var verifyResponse = await _client.VerifySignatureAsync(
            new VerifySignatureRequest { Version = 1, KeyId = name, Data = ByteString.CopyFromUtf8("Something else."), Signature = signature },
            deadline: Deadline(), cancellationToken: timeout.Token);

        Assert.False(Succeeded(verifyResponse.Success, verifyResponse.Error).IsValid);
    }

    [Fact]
    public async Task EncryptData_and_DecryptData_round_trip_a_message_with_an_RSA_key()
    {
        using var timeout = new CancellationTokenSource(SupacryptAppFixture.CallTimeout);
        var name = TestKeySpec.UniqueKeyName(TestKeySpec.Rsa);
        await GenerateAsync(TestKeySpec.Named(TestKeySpec.Rsa), name, timeout.Token);
        var oaepSha256 = new EncryptionParameters
        {
            RsaParams = new RSAEncryptionParameters { PaddingScheme = RSAPaddingScheme.RsaPaddingOaep, OaepHash = HashAlgorithm.Sha256 },
        };
        var plaintext = ByteString.CopyFrom(Encoding.UTF8.GetBytes("A secret for Supacrypt."));

        var encryptResponse = await _client.EncryptDataAsync(
            new EncryptDataRequest { Version = 1, KeyId = name, Plaintext = plaintext, Parameters = oaepSha256 },
            deadline: Deadline(), cancellationToken: timeout.Token);
        var encrypted = Succeeded(encryptResponse.Success, encryptResponse.Error);

        var decryptResponse = await _client.DecryptDataAsync(
            new DecryptDataRequest { Version = 1, KeyId = name, Ciphertext = encrypted.Ciphertext, Parameters = oaepSha256 },
            deadline: Deadline(), cancellationToken: timeout.Token);

        Assert.NotEqual(plaintext, encrypted.Ciphertext);
        Assert.Equal(plaintext, Succeeded(decryptResponse.Success, decryptResponse.Error).Plaintext);
    }

    // Key Vault cannot encrypt with EC keys; the contract answers that in-band with a precise code.
    [Fact]
    public async Task EncryptData_and_DecryptData_refuse_an_EC_key_as_operation_not_supported()
    {
        using var timeout = new CancellationTokenSource(SupacryptAppFixture.CallTimeout);
        var name = TestKeySpec.UniqueKeyName(TestKeySpec.Ec);
        await GenerateAsync(TestKeySpec.Named(TestKeySpec.Ec), name, timeout.Token);

        var encryptResponse = await _client.EncryptDataAsync(
            new EncryptDataRequest { Version = 1, KeyId = name, Plaintext = ByteString.CopyFromUtf8("x") },
            deadline: Deadline(), cancellationToken: timeout.Token);
        var decryptResponse = await _client.DecryptDataAsync(
            new DecryptDataRequest { Version = 1, KeyId = name, Ciphertext = ByteString.CopyFrom(new byte[64]) },
            deadline: Deadline(), cancellationToken: timeout.Token);

        Assert.Equal(ErrorCode.OperationNotSupported, encryptResponse.Error?.Code);
        Assert.Equal(ErrorCode.OperationNotSupported, decryptResponse.Error?.Code);
    }

    [Theory]
    [InlineData(TestKeySpec.Rsa)]
    [InlineData(TestKeySpec.Ec)]
    public async Task DeleteKey_deletes_the_key_so_that_GetKey_reports_it_not_found(string kind)
    {
        using var timeout = new CancellationTokenSource(SupacryptAppFixture.CallTimeout);
        var name = TestKeySpec.UniqueKeyName(kind);
        await GenerateAsync(TestKeySpec.Named(kind), name, timeout.Token);

        var deleteResponse = await _client.DeleteKeyAsync(
            new DeleteKeyRequest { Version = 1, KeyId = name },
            deadline: Deadline(), cancellationToken: timeout.Token);
        var getResponse = await _client.GetKeyAsync(
            new GetKeyRequest { Version = 1, KeyId = name },
            deadline: Deadline(), cancellationToken: timeout.Token);

        Assert.Equal(name, Succeeded(deleteResponse.Success, deleteResponse.Error).KeyId);
        Assert.Equal(ErrorCode.KeyNotFound, getResponse.Error?.Code);
    }

    private async Task<GenerateKeySuccess> GenerateAsync(TestKeySpec spec, string name, CancellationToken cancellationToken)
    {
        var response = await _client.GenerateKeyAsync(spec.GenerateRequest(name), deadline: Deadline(), cancellationToken: cancellationToken);
        return Succeeded(response.Success, response.Error);
    }

    private static DateTime Deadline() => DateTime.UtcNow + SupacryptAppFixture.CallTimeout;

    // Each response is oneof { success; error }: show the error a person would read when a call did not succeed.
    private static T Succeeded<T>(T? success, ErrorDetails? error) where T : class
    {
        Assert.True(error is null, $"Expected success, got {error?.Code}: {error?.Message}");
        return Assert.IsType<T>(success);
    }
}
