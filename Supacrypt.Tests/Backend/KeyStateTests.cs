using System.Net.Http.Json;
using Google.Protobuf;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Backend;

/// <summary>Keys whose state forbids an operation are refused before any cryptography, locally and remotely alike.</summary>
[Collection(BackendTests.Name)]
public sealed class KeyStateTests(BackendFixture fixture)
{
    private static readonly ByteString Data = ByteString.CopyFromUtf8("state");

    [Fact]
    public async Task Every_operation_on_a_disabled_key_is_operation_not_supported()
    {
        var name = await CreateInStateAsync(new { enabled = false });

        var errors = await AllOperationsAsync(name);

        Assert.All(errors, error =>
        {
            Assert.NotNull(error);
            Assert.Equal(ErrorCode.OperationNotSupported, error.Code);
            Assert.Contains("disabled", error.Message, StringComparison.Ordinal);
        });
    }

    public static TheoryData<string> Windows() => ["expired", "not yet valid"];

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task Outside_its_validity_window_a_key_no_longer_signs_or_encrypts_but_still_verifies_and_decrypts(string state)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var name = await CreateInStateAsync(state == "expired" ? new { exp = now - 3600 } : new { nbf = now + 3600 });

        var errors = await AllOperationsAsync(name);

        Assert.All(errors[..2], error =>
        {
            Assert.NotNull(error);
            Assert.Equal(ErrorCode.OperationNotSupported, error.Code);
            Assert.Contains(state == "expired" ? "expired" : "not valid before", error.Message, StringComparison.Ordinal);
        });
        Assert.Null(errors[2]);
        Assert.Equal(ErrorCode.DecryptionFailed, errors[3]?.Code);
    }

    private async Task<string> CreateInStateAsync(object attributes)
    {
        var name = (await fixture.Client.CreateAsync(TestKey.Rsa2048, KeyNames.Unique("state"))).Metadata.Name;
        await PatchAsync(name, new { attributes });
        return name;
    }

    /// <returns>The errors of sign, encrypt, verify and decrypt, in that order; null where the call succeeded.</returns>
    private async Task<ErrorDetails?[]> AllOperationsAsync(string name)
    {
        var sign = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = name, Data = Data });
        var encrypt = await fixture.Client.EncryptDataAsync(new EncryptDataRequest { KeyId = name, Plaintext = Data });
        var verify = await fixture.Client.VerifySignatureAsync(new VerifySignatureRequest { KeyId = name, Data = Data, Signature = ByteString.CopyFrom(new byte[256]) });
        var decrypt = await fixture.Client.DecryptDataAsync(new DecryptDataRequest { KeyId = name, Ciphertext = ByteString.CopyFrom(new byte[256]) });
        return [sign.Error, encrypt.Error, verify.Error, decrypt.Error];
    }

    [Fact]
    public async Task Operations_outside_the_keys_operations_are_refused_and_permitted_ones_work()
    {
        var request = ContractKeys.Rsa(KeyNames.Unique("verify-only"), RSAKeySize._2048);
        request.Operations.Add(["verify", "encrypt"]);
        var key = await fixture.Client.CreateAsync(request);

        var sign = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = Data });
        var decrypt = await fixture.Client.DecryptDataAsync(new DecryptDataRequest { KeyId = key.Metadata.Name, Ciphertext = ByteString.CopyFrom(new byte[256]) });
        var encrypt = await fixture.Client.EncryptDataAsync(new EncryptDataRequest { KeyId = key.Metadata.Name, Plaintext = Data });

        Assert.Equal(ErrorCode.OperationNotSupported, sign.Error.Code);
        Assert.Contains("does not permit 'sign'", sign.Error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.OperationNotSupported, decrypt.Error.Code);
        Assert.Equal(EncryptDataResponse.ResultOneofCase.Success, encrypt.ResultCase);
    }

    private async Task PatchAsync(string name, object body)
    {
        using var client = fixture.Emulator.CreateClient();
        using var response = await client.PatchAsJsonAsync($"keys/{name}/?api-version=7.5", body);
        response.EnsureSuccessStatusCode();
    }
}
