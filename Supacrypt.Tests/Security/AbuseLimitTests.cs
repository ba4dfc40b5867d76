using Google.Protobuf;
using Grpc.Core;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Security;

[Collection(BackendTests.Name)]
public sealed class AbuseLimitTests(BackendFixture fixture)
{
    private static ByteString Bytes(int length) => ByteString.CopyFrom(new byte[length]);

    private static DecryptDataRequest Pkcs1Decryption() => new()
    {
        KeyId = "limits",
        Ciphertext = Bytes(256),
        Parameters = new EncryptionParameters { RsaParams = new RSAEncryptionParameters { PaddingScheme = RSAPaddingScheme.RsaPaddingPkcs1 } },
    };

    public static TheoryData<string, string> OversizedRequests() => new()
    {
        { "SignData", "data is 1048577 bytes; the limit is 1048576 bytes." },
        { "VerifySignature", "signature is 1025 bytes; the limit is 1024 bytes." },
        { "EncryptData", "plaintext is 4097 bytes; the limit is 4096 bytes." },
        { "DecryptData", "ciphertext is 4097 bytes; the limit is 4096 bytes." },
        { "ListKeys", "filter has 257 characters; the limit is 256." },
    };

    [Theory]
    [MemberData(nameof(OversizedRequests))]
    public async Task A_field_over_the_contract_limit_is_an_invalid_request_naming_the_limit(string rpc, string message)
    {
        var client = fixture.Client;
        var error = rpc switch
        {
            "SignData" => (await client.SignDataAsync(new SignDataRequest { KeyId = "limits", Data = Bytes(1024 * 1024 + 1) })).Error,
            "VerifySignature" => (await client.VerifySignatureAsync(new VerifySignatureRequest { KeyId = "limits", Data = Bytes(32), Signature = Bytes(1025) })).Error,
            "EncryptData" => (await client.EncryptDataAsync(new EncryptDataRequest { KeyId = "limits", Plaintext = Bytes(4097) })).Error,
            "DecryptData" => (await client.DecryptDataAsync(new DecryptDataRequest { KeyId = "limits", Ciphertext = Bytes(4097) })).Error,
            _ => (await client.ListKeysAsync(new ListKeysRequest { Filter = new string('a', 257) })).Error,
        };

        Assert.Equal(ErrorCode.InvalidRequest, error?.Code);
        Assert.Equal(message, error!.Message);
    }

    [Fact]
    public async Task A_message_over_the_maximum_size_is_refused_before_it_is_decoded()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Client.SignDataAsync(new SignDataRequest { KeyId = "limits", Data = Bytes(2 * 1024 * 1024) }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
    }

    [Fact]
    public async Task Pkcs1_decryption_can_be_switched_off()
    {
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, settings => settings["Security:AllowRsaPkcs1Decryption"] = "false");
        var response = await backend.ClientFor(TestCertificates.Shared.Client).DecryptDataAsync(Pkcs1Decryption());

        Assert.Equal(ErrorCode.PaddingNotSupported, response.Error?.Code);
    }

    [Fact]
    public async Task Pkcs1_decryption_is_off_by_default_outside_development_and_the_refusal_names_the_setting_and_why()
    {
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, settings => settings.Remove("Security:AllowRsaPkcs1Decryption"));
        var response = await backend.ClientFor(TestCertificates.Shared.Client).DecryptDataAsync(Pkcs1Decryption());

        Assert.Equal(ErrorCode.PaddingNotSupported, response.Error?.Code);
        Assert.Contains("Security:AllowRsaPkcs1Decryption=true", response.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("oracle", response.Error.Message, StringComparison.Ordinal);
        Assert.Contains("RFC 8017", response.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_per_caller_budget_counts_key_vault_requests_not_calls()
    {
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, settings =>
        {
            settings["Security:RateLimit:PermitLimit"] = "3";
            settings["Security:RateLimit:Window"] = "01:00:00";
        });
        var client = backend.ClientFor(TestCertificates.Shared.Client);
        var name = KeyNames.Unique("budget");

        // One call, three Key Vault requests: is the name free, create, list the name's versions.
        var generated = await client.GenerateKeyAsync(new GenerateKeyRequest { Name = name, Algorithm = KeyAlgorithm.Ecc });
        var failure = await Assert.ThrowsAsync<RpcException>(() => client.GetKeyAsync(new GetKeyRequest { KeyId = name }).ResponseAsync);

        Assert.Equal(GenerateKeyResponse.ResultOneofCase.Success, generated.ResultCase);
        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
    }

    [Fact]
    public async Task A_listing_reads_at_most_the_configured_number_of_vault_pages_and_answers_with_a_token()
    {
        var prefix = KeyNames.Unique("pages");
        for (var i = 0; i < 26; i++)
        {
            await fixture.Client.GenerateKeyAsync(new GenerateKeyRequest { Name = $"{prefix}-{i}", Algorithm = KeyAlgorithm.Ecc });
        }

        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, settings => settings["KeyVault:ListKeysMaxVaultPages"] = "1");

        var listed = await backend.ClientFor(TestCertificates.Shared.Client).ListKeysAsync(new ListKeysRequest { Filter = "no-key-is-named-like-this" });

        Assert.Empty(listed.Success.Keys);
        Assert.NotEqual("", listed.Success.NextPageToken);
    }

    [Fact]
    public async Task A_caller_over_its_rate_limit_gets_resource_exhausted_with_a_retry_delay_and_others_are_not_affected()
    {
        var other = TestCertificates.Shared.IssueClient("CN=rate-limit-other");
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, settings =>
        {
            settings["Security:RateLimit:PermitLimit"] = "2";
            settings["Security:RateLimit:Window"] = "01:00:00";
            settings["Security:Authorization:Clients:1:Subject"] = other.Subject;
            settings["Security:Authorization:Clients:1:Roles:0"] = "CryptoUser";
        });
        var client = backend.ClientFor(TestCertificates.Shared.Client);
        await client.ListKeysAsync(new ListKeysRequest { PageSize = 1 });
        await client.ListKeysAsync(new ListKeysRequest { PageSize = 1 });

        var failure = await Assert.ThrowsAsync<RpcException>(() => client.ListKeysAsync(new ListKeysRequest { PageSize = 1 }).ResponseAsync);
        var served = await backend.ClientFor(other).ListKeysAsync(new ListKeysRequest { PageSize = 1 });

        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        Assert.True(long.Parse(failure.Trailers.GetValue("retry-after-ms")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(ListKeysResponse.ResultOneofCase.Success, served.ResultCase);
    }
}
