using System.Net;
using System.Security.Cryptography;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

[Collection(EmulatorTestGroup.Name)]
public sealed class EncryptionTests(EmulatorFixture emulator) : IDisposable
{
    private readonly VaultClient _vault = new(emulator.CreateClient());

    public void Dispose() => _vault.Dispose();

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var alg in new[] { "RSA1_5", "RSA-OAEP", "RSA-OAEP-256" })
        {
            data.Add(alg, "encrypt", "decrypt");
            data.Add(alg, "wrapkey", "unwrapkey");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Encrypt_then_decrypt_round_trips_and_dotnet_ciphertext_decrypts(string alg, string forward, string backward)
    {
        var name = VaultClient.NewName();
        var jwk = (await _vault.CreateKeyAsync(name, new { kty = "RSA" }))["key"]!;
        var plaintext = RandomNumberGenerator.GetBytes(32);

        var encrypted = await _vault.PostAsync($"keys/{name}/{forward}", new { alg, value = Jwk.Encode(plaintext) });
        Assert.Equal(HttpStatusCode.OK, encrypted.Status);
        Assert.Equal(jwk["kid"]!.GetValue<string>(), encrypted.Body!["kid"]!.GetValue<string>());
        var ciphertext = Jwk.Bytes(encrypted.Body!["value"]);
        Assert.Equal(256, ciphertext.Length);

        var decrypted = await _vault.PostAsync($"keys/{name}/{backward}", new { alg, value = Jwk.Encode(ciphertext) });
        Assert.Equal(HttpStatusCode.OK, decrypted.Status);
        Assert.Equal(plaintext, Jwk.Bytes(decrypted.Body!["value"]));

        // Independent check: a ciphertext made by .NET with the public JWK decrypts in the emulator.
        using var rsa = Jwk.PublicRsa(jwk);
        var local = rsa.Encrypt(plaintext, Padding(alg));
        var fromLocal = await _vault.PostAsync($"keys/{name}/{backward}", new { alg, value = Jwk.Encode(local) });
        Assert.Equal(plaintext, Jwk.Bytes(fromLocal.Body!["value"]));
    }

    [Theory]
    [InlineData("RSA-OAEP")]
    [InlineData("RSA-OAEP-256")]
    public async Task Decrypt_with_ciphertext_that_does_not_decrypt_is_generic_bad_parameter(string alg)
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "RSA" });
        var response = await _vault.PostAsync($"keys/{name}/decrypt", new { alg, value = Jwk.Encode(RandomNumberGenerator.GetBytes(256)) });
        response.AssertError(HttpStatusCode.BadRequest, "BadParameter");
        Assert.Equal("The ciphertext could not be decrypted with this key and algorithm.", response.ErrorMessage);
    }

    [Fact]
    public async Task Decrypt_with_wrong_ciphertext_length_is_bad_parameter()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "RSA" });
        (await _vault.PostAsync($"keys/{name}/decrypt", new { alg = "RSA-OAEP", value = Jwk.Encode(new byte[10]) }))
            .AssertError(HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Encrypt_with_plaintext_too_long_for_padding_is_bad_parameter()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "RSA" });
        var response = await _vault.PostAsync($"keys/{name}/encrypt", new { alg = "RSA-OAEP-256", value = Jwk.Encode(new byte[191]) });
        response.AssertError(HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains("190", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A256GCM")]
    [InlineData("RSA-OAEP-384")]
    public async Task Encrypt_with_unsupported_algorithm_is_bad_parameter(string alg)
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "RSA" });
        (await _vault.PostAsync($"keys/{name}/encrypt", new { alg, value = Jwk.Encode(new byte[16]) }))
            .AssertError(HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Encrypt_with_ec_key_is_refused()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        // An EC key has no encrypt in its key_ops, so the operation is refused before the algorithm is considered.
        var response = await _vault.PostAsync($"keys/{name}/encrypt", new { alg = "RSA-OAEP", value = Jwk.Encode(new byte[16]) });
        response.AssertError(HttpStatusCode.Forbidden, "Forbidden");
    }

    private static RSAEncryptionPadding Padding(string alg) => alg switch
    {
        "RSA1_5" => RSAEncryptionPadding.Pkcs1,
        "RSA-OAEP" => RSAEncryptionPadding.OaepSHA1,
        _ => RSAEncryptionPadding.OaepSHA256,
    };
}
