using System.Net;
using System.Security.Cryptography;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

[Collection(EmulatorTestGroup.Name)]
public sealed class SigningTests(EmulatorFixture emulator) : IDisposable
{
    private readonly VaultClient _vault = new(emulator.CreateClient());

    public void Dispose() => _vault.Dispose();

    [Theory]
    [InlineData("RS256", "SHA256", false)]
    [InlineData("RS384", "SHA384", false)]
    [InlineData("RS512", "SHA512", false)]
    [InlineData("PS256", "SHA256", true)]
    [InlineData("PS384", "SHA384", true)]
    [InlineData("PS512", "SHA512", true)]
    public async Task Sign_rsa_verifies_with_dotnet_rsa(string alg, string hash, bool pss)
    {
        var name = VaultClient.NewName();
        var jwk = (await _vault.CreateKeyAsync(name, new { kty = "RSA" }))["key"]!;
        var hashName = new HashAlgorithmName(hash);
        var digest = Digest(hashName, "message for " + alg);

        var signed = await _vault.PostAsync($"keys/{name}/sign", new { alg, value = Jwk.Encode(digest) });
        Assert.Equal(HttpStatusCode.OK, signed.Status);
        Assert.Equal(jwk["kid"]!.GetValue<string>(), signed.Body!["kid"]!.GetValue<string>());
        var signature = Jwk.Bytes(signed.Body!["value"]);
        Assert.Equal(256, signature.Length);

        using var rsa = Jwk.PublicRsa(jwk);
        var padding = pss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        Assert.True(rsa.VerifyHash(digest, signature, hashName, padding));
        Assert.False(rsa.VerifyHash(digest, signature, hashName, pss ? RSASignaturePadding.Pkcs1 : RSASignaturePadding.Pss));
        await AssertVaultVerifiesAsync(name, alg, digest, signature);
    }

    [Theory]
    [InlineData("ES256", "P-256", "SHA256", 64)]
    [InlineData("ES256K", "P-256K", "SHA256", 64)]
    [InlineData("ES384", "P-384", "SHA384", 96)]
    [InlineData("ES512", "P-521", "SHA512", 132)]
    public async Task Sign_ecdsa_returns_p1363_signature_that_verifies_with_dotnet_ecdsa(string alg, string crv, string hash, int signatureBytes)
    {
        var name = VaultClient.NewName();
        var jwk = (await _vault.CreateKeyAsync(name, new { kty = "EC", crv }))["key"]!;
        var digest = Digest(new HashAlgorithmName(hash), "message for " + alg);

        var signed = await _vault.PostAsync($"keys/{name}/sign", new { alg, value = Jwk.Encode(digest) });
        Assert.Equal(HttpStatusCode.OK, signed.Status);
        var signature = Jwk.Bytes(signed.Body!["value"]);
        Assert.Equal(signatureBytes, signature.Length);

        using var ecdsa = Jwk.PublicEcdsa(jwk);
        Assert.True(ecdsa.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        await AssertVaultVerifiesAsync(name, alg, digest, signature);
    }

    [Fact]
    public async Task Sign_with_explicit_version_and_with_empty_version_segment_use_that_key()
    {
        var name = VaultClient.NewName();
        var old = (await _vault.CreateKeyAsync(name, new { kty = "EC" }))["key"]!;
        var latest = (await _vault.CreateKeyAsync(name, new { kty = "EC" }))["key"]!;
        var digest = SHA256.HashData("versions"u8);

        var byVersion = await _vault.PostAsync($"keys/{name}/{old["kid"]!.GetValue<string>().Split('/')[^1]}/sign",
            new { alg = "ES256", value = Jwk.Encode(digest) });
        Assert.Equal(old["kid"]!.GetValue<string>(), byVersion.Body!["kid"]!.GetValue<string>());
        using (var ecdsa = Jwk.PublicEcdsa(old))
        {
            Assert.True(ecdsa.VerifyHash(digest, Jwk.Bytes(byVersion.Body!["value"])));
        }

        var emptySegment = await _vault.PostAsync($"keys/{name}//sign", new { alg = "ES256", value = Jwk.Encode(digest) });
        Assert.Equal(HttpStatusCode.OK, emptySegment.Status);
        Assert.Equal(latest["kid"]!.GetValue<string>(), emptySegment.Body!["kid"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("RSA", null, "RS256", 20)]
    [InlineData("RSA", null, "PS384", 32)]
    [InlineData("EC", "P-256", "ES256", 48)]
    public async Task Sign_with_wrong_digest_length_is_bad_parameter(string kty, string? crv, string alg, int digestLength)
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, crv is null ? new { kty } : new { kty, crv } as object);
        var response = await _vault.PostAsync($"keys/{name}/sign", new { alg, value = Jwk.Encode(new byte[digestLength]) });
        response.AssertError(HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains("digest", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RSA", null, "ES256")]
    [InlineData("EC", "P-256", "RS256")]
    [InlineData("EC", "P-384", "ES256")]
    [InlineData("EC", "P-256", "HS256")]
    public async Task Sign_with_algorithm_that_does_not_fit_the_key_is_bad_parameter(string kty, string? crv, string alg)
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, crv is null ? new { kty } : new { kty, crv } as object);
        var response = await _vault.PostAsync($"keys/{name}/sign", new { alg, value = Jwk.Encode(new byte[32]) });
        response.AssertError(HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Sign_with_value_that_is_not_base64url_is_bad_parameter()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        (await _vault.PostAsync($"keys/{name}/sign", new { alg = "ES256", value = "not base64!" }))
            .AssertError(HttpStatusCode.BadRequest, "BadParameter");
        (await _vault.PostAsync($"keys/{name}/sign", new { alg = "ES256" }))
            .AssertError(HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Sign_with_unknown_key_is_key_not_found()
    {
        (await _vault.PostAsync($"keys/{VaultClient.NewName()}/sign", new { alg = "ES256", value = Jwk.Encode(new byte[32]) }))
            .AssertError(HttpStatusCode.NotFound, "KeyNotFound");
    }

    private async Task AssertVaultVerifiesAsync(string name, string alg, byte[] digest, byte[] signature)
    {
        var good = await _vault.PostAsync($"keys/{name}/verify", new { alg, digest = Jwk.Encode(digest), value = Jwk.Encode(signature) });
        Assert.Equal(HttpStatusCode.OK, good.Status);
        Assert.True(good.Body!["value"]!.GetValue<bool>());

        var tampered = (byte[])signature.Clone();
        tampered[^1] ^= 0x01;
        var bad = await _vault.PostAsync($"keys/{name}/verify", new { alg, digest = Jwk.Encode(digest), value = Jwk.Encode(tampered) });
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.False(bad.Body!["value"]!.GetValue<bool>());
    }

    private static byte[] Digest(HashAlgorithmName hash, string text)
    {
        using var algorithm = IncrementalHash.CreateHash(hash);
        algorithm.AppendData(System.Text.Encoding.UTF8.GetBytes(text));
        return algorithm.GetHashAndReset();
    }
}
