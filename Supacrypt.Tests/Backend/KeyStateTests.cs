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

    public static TheoryData<string> States() => ["disabled", "expired", "not yet valid"];

    [Theory]
    [MemberData(nameof(States))]
    public async Task Every_operation_on_a_key_in_that_state_is_operation_not_supported(string state)
    {
        var name = (await fixture.Client.CreateAsync(TestKey.Rsa2048, KeyNames.Unique("state"))).Metadata.Name;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        object attributes = state switch
        {
            "disabled" => new { enabled = false },
            "expired" => new { exp = now - 3600 },
            _ => new { nbf = now + 3600 },
        };
        await PatchAsync(name, new { attributes });

        var sign = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = name, Data = Data });
        var verify = await fixture.Client.VerifySignatureAsync(new VerifySignatureRequest { KeyId = name, Data = Data, Signature = ByteString.CopyFrom(new byte[256]) });
        var encrypt = await fixture.Client.EncryptDataAsync(new EncryptDataRequest { KeyId = name, Plaintext = Data });
        var decrypt = await fixture.Client.DecryptDataAsync(new DecryptDataRequest { KeyId = name, Ciphertext = ByteString.CopyFrom(new byte[256]) });

        Assert.All(new[] { sign.Error, verify.Error, encrypt.Error, decrypt.Error }, error =>
        {
            Assert.Equal(ErrorCode.OperationNotSupported, error.Code);
            Assert.Contains(state == "not yet valid" ? "not valid before" : state, error.Message, StringComparison.Ordinal);
        });
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
