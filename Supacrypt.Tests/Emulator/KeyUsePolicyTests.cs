using System.Net;
using System.Security.Cryptography;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

[Collection(EmulatorTestGroup.Name)]
public sealed class KeyUsePolicyTests(EmulatorFixture emulator) : IDisposable
{
    private static readonly string[] VerifyOnly = ["verify"];
    private static readonly string[] EncryptOnly = ["encrypt"];
    private readonly VaultClient _vault = new(emulator.CreateClient());

    public void Dispose() => _vault.Dispose();

    private static object SignRequest => new { alg = "ES256", value = Jwk.Encode(SHA256.HashData("policy"u8)) };

    [Fact]
    public async Task Sign_not_in_key_ops_is_forbidden()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "EC", key_ops = VerifyOnly });
        var response = await _vault.PostAsync($"keys/{name}/sign", SignRequest);
        response.AssertError(HttpStatusCode.Forbidden, "Forbidden");
        Assert.Equal("KeyOperationForbidden", response.InnerErrorCode);
        Assert.Equal("Operation sign is not permitted on this key.", response.ErrorMessage);
    }

    [Fact]
    public async Task Decrypt_removed_from_key_ops_by_update_is_forbidden()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "RSA" });
        await _vault.SendAsync(HttpMethod.Patch, $"keys/{name}", new { key_ops = EncryptOnly });
        var response = await _vault.PostAsync($"keys/{name}/decrypt", new { alg = "RSA-OAEP", value = Jwk.Encode(new byte[256]) });
        response.AssertError(HttpStatusCode.Forbidden, "Forbidden");
        Assert.Equal("KeyOperationForbidden", response.InnerErrorCode);
    }

    [Fact]
    public async Task A_disabled_key_neither_signs_nor_verifies()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        var signed = await _vault.PostAsync($"keys/{name}/sign", SignRequest);
        await _vault.SendAsync(HttpMethod.Patch, $"keys/{name}", new { attributes = new { enabled = false } });

        var response = await _vault.PostAsync($"keys/{name}/sign", SignRequest);
        response.AssertError(HttpStatusCode.Forbidden, "Forbidden");
        Assert.Equal("Operation sign is not allowed on a disabled key.", response.ErrorMessage);
        Assert.Equal("KeyDisabled", response.InnerErrorCode);

        var verified = await _vault.PostAsync($"keys/{name}/verify", new
        {
            alg = "ES256", digest = Jwk.Encode(SHA256.HashData("policy"u8)), value = signed.Body!["value"]!.GetValue<string>(),
        });
        verified.AssertError(HttpStatusCode.Forbidden, "Forbidden");
        Assert.Equal("KeyDisabled", verified.InnerErrorCode);
    }

    [Fact]
    public async Task Unwrap_with_disabled_key_is_forbidden()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "RSA", attributes = new { enabled = false } });
        (await _vault.PostAsync($"keys/{name}/unwrapkey", new { alg = "RSA-OAEP", value = Jwk.Encode(new byte[256]) }))
            .AssertError(HttpStatusCode.Forbidden, "Forbidden");
    }

    [Fact]
    public async Task Sign_before_nbf_is_forbidden()
    {
        var name = VaultClient.NewName();
        var future = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        await _vault.CreateKeyAsync(name, new { kty = "EC", attributes = new { nbf = future } });
        var response = await _vault.PostAsync($"keys/{name}/sign", SignRequest);
        response.AssertError(HttpStatusCode.Forbidden, "Forbidden");
        Assert.Equal("KeyNotYetValid", response.InnerErrorCode);
    }

    [Fact]
    public async Task After_exp_a_key_no_longer_encrypts_but_still_decrypts()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "RSA" });
        var encrypted = await _vault.PostAsync($"keys/{name}/encrypt", new { alg = "RSA-OAEP", value = Jwk.Encode("old data"u8.ToArray()) });
        var past = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
        await _vault.SendAsync(HttpMethod.Patch, $"keys/{name}", new { attributes = new { exp = past } });

        var refused = await _vault.PostAsync($"keys/{name}/encrypt", new { alg = "RSA-OAEP", value = Jwk.Encode("new data"u8.ToArray()) });
        var decrypted = await _vault.PostAsync($"keys/{name}/decrypt", new { alg = "RSA-OAEP", value = encrypted.Body!["value"]!.GetValue<string>() });

        refused.AssertError(HttpStatusCode.Forbidden, "Forbidden");
        Assert.Equal("KeyExpired", refused.InnerErrorCode);
        Assert.Equal(HttpStatusCode.OK, decrypted.Status);
        Assert.Equal(Jwk.Encode("old data"u8.ToArray()), decrypted.Body!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sign_within_nbf_and_exp_works()
    {
        var name = VaultClient.NewName();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await _vault.CreateKeyAsync(name, new { kty = "EC", attributes = new { nbf = now - 60, exp = now + 3600 } });
        Assert.Equal(HttpStatusCode.OK, (await _vault.PostAsync($"keys/{name}/sign", SignRequest)).Status);
    }
}
