using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

[Collection(EmulatorTestGroup.Name)]
public sealed class KeyCreationTests(EmulatorFixture emulator) : IDisposable
{
    private static readonly string[] SignVerify = ["sign", "verify"];
    private readonly VaultClient _vault = new(emulator.CreateClient());

    public void Dispose() => _vault.Dispose();

    [Fact]
    public async Task Create_rsa_key_returns_public_jwk_only()
    {
        var name = VaultClient.NewName();
        var bundle = await _vault.CreateKeyAsync(name, new { kty = "RSA" });

        var key = bundle["key"]!.AsObject();
        Assert.Equal("RSA", key["kty"]!.GetValue<string>());
        Assert.Equal(256, Jwk.Bytes(key["n"]).Length);
        Assert.Equal("AQAB", key["e"]!.GetValue<string>());
        foreach (var member in Jwk.PrivateMembers)
        {
            Assert.False(key.ContainsKey(member), $"private member {member} returned");
        }

        Assert.DoesNotContain('=', key["n"]!.GetValue<string>());
        Assert.Equal(["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"],
            key["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_sets_kid_from_request_host_and_32_hex_version()
    {
        var name = VaultClient.NewName();
        var bundle = await _vault.CreateKeyAsync(name, new { kty = "EC" });

        var kid = new Uri(bundle["key"]!["kid"]!.GetValue<string>());
        Assert.Equal(emulator.VaultUri.Authority, kid.Authority);
        var segments = kid.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("keys", segments[0]);
        Assert.Equal(name, segments[1]);
        Assert.Matches("^[0-9a-f]{32}$", segments[2]);
    }

    [Fact]
    public async Task Create_sets_attributes_and_tags()
    {
        var name = VaultClient.NewName();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var bundle = await _vault.CreateKeyAsync(name, new
        {
            kty = "RSA", attributes = new { enabled = false, exp = before + 3600 }, tags = new { purpose = "unit test" },
        });

        var attributes = bundle["attributes"]!;
        Assert.False(attributes["enabled"]!.GetValue<bool>());
        Assert.Equal(before + 3600, attributes["exp"]!.GetValue<long>());
        Assert.InRange(attributes["created"]!.GetValue<long>(), before - 1, before + 60);
        Assert.Equal(attributes["created"]!.GetValue<long>(), attributes["updated"]!.GetValue<long>());
        Assert.Equal("Recoverable+Purgeable", attributes["recoveryLevel"]!.GetValue<string>());
        Assert.Equal(90, attributes["recoverableDays"]!.GetValue<int>());
        Assert.Equal("unit test", bundle["tags"]!["purpose"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("RSA-HSM")]
    [InlineData("RSA")]
    public async Task Create_rsa_2048_reports_requested_kty(string kty)
    {
        var bundle = await _vault.CreateKeyAsync(VaultClient.NewName(), new { kty, key_size = 2048 });
        Assert.Equal(kty, bundle["key"]!["kty"]!.GetValue<string>());
        Assert.Equal(256, Jwk.Bytes(bundle["key"]!["n"]).Length);
    }

    [Fact]
    public async Task Create_rsa_3072_has_3072_bit_modulus()
    {
        var bundle = await _vault.CreateKeyAsync(VaultClient.NewName(), new { kty = "RSA", key_size = 3072 });
        Assert.Equal(384, Jwk.Bytes(bundle["key"]!["n"]).Length);
    }

    [Fact]
    public async Task Create_rsa_hsm_4096_has_4096_bit_modulus()
    {
        var bundle = await _vault.CreateKeyAsync(VaultClient.NewName(), new { kty = "RSA-HSM", key_size = 4096 });
        Assert.Equal("RSA-HSM", bundle["key"]!["kty"]!.GetValue<string>());
        Assert.Equal(512, Jwk.Bytes(bundle["key"]!["n"]).Length);
    }

    // A standard vault ignores public_exponent (Managed HSM honours it: see ManagedHsmCreationTests).
    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task A_vault_ignores_public_exponent_and_creates_65537(int exponent)
    {
        var bundle = await _vault.CreateKeyAsync(VaultClient.NewName(), new { kty = "RSA", public_exponent = exponent });

        Assert.Equal([1, 0, 1], Jwk.Bytes(bundle["key"]!["e"]));
    }

    [Theory]
    [InlineData("EC", "P-256", 32)]
    [InlineData("EC", "P-384", 48)]
    [InlineData("EC-HSM", "P-521", 66)]
    [InlineData("EC-HSM", "P-256K", 32)]
    public async Task Create_ec_key_returns_curve_and_coordinates(string kty, string crv, int coordinateBytes)
    {
        var bundle = await _vault.CreateKeyAsync(VaultClient.NewName(), new { kty, crv });
        var key = bundle["key"]!.AsObject();
        Assert.Equal(kty, key["kty"]!.GetValue<string>());
        Assert.Equal(crv, key["crv"]!.GetValue<string>());
        Assert.Equal(coordinateBytes, Jwk.Bytes(key["x"]).Length);
        Assert.Equal(coordinateBytes, Jwk.Bytes(key["y"]).Length);
        Assert.False(key.ContainsKey("d"));
        Assert.Equal(["sign", "verify"], key["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_ec_without_curve_defaults_to_p256()
    {
        var bundle = await _vault.CreateKeyAsync(VaultClient.NewName(), new { kty = "EC" });
        Assert.Equal("P-256", bundle["key"]!["crv"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"kty":"RSA","key_size":1024}""", "key size 1024")]
    [InlineData("""{"kty":"EC","crv":"P-192"}""", "P-192")]
    [InlineData("""{"kty":"oct"}""", "oct")]
    [InlineData("""{"key_size":2048}""", "kty")]
    [InlineData("""{"kty":"EC","key_size":2048}""", "key_size")]
    [InlineData("""{"kty":"RSA","crv":"P-256"}""", "crv")]
    [InlineData("""{"kty":"RSA","key_ops":["fly"]}""", "fly")]
    [InlineData("""{"kty":"EC","key_ops":["encrypt"]}""", "encrypt")]
    [InlineData("""{"kty":"RSA","attributes":{"nbf":2000,"exp":1000}}""", "exp")]
    public async Task Create_with_unsupported_parameters_is_bad_parameter(string body, string mentioned)
    {
        var response = await _vault.PostAsync($"keys/{VaultClient.NewName()}/create", body);
        response.AssertError(HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains(mentioned.Split(' ')[^1], response.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_existing_name_adds_a_new_version()
    {
        var name = VaultClient.NewName();
        var first = await _vault.CreateKeyAsync(name, new { kty = "EC" });
        var second = await _vault.CreateKeyAsync(name, new { kty = "EC" });

        Assert.NotEqual(first["key"]!["kid"]!.GetValue<string>(), second["key"]!["kid"]!.GetValue<string>());
        var latest = await _vault.GetAsync($"keys/{name}");
        Assert.Equal(second["key"]!["kid"]!.GetValue<string>(), latest.Body!["key"]!["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_rsa_key_keeps_its_public_key()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        var name = VaultClient.NewName();
        var response = await _vault.SendAsync(HttpMethod.Put, $"keys/{name}", new
        {
            key = new
            {
                kty = "RSA", key_ops = SignVerify,
                n = Jwk.Encode(p.Modulus!), e = Jwk.Encode(p.Exponent!), d = Jwk.Encode(p.D!), p = Jwk.Encode(p.P!),
                q = Jwk.Encode(p.Q!), dp = Jwk.Encode(p.DP!), dq = Jwk.Encode(p.DQ!), qi = Jwk.Encode(p.InverseQ!),
            },
            Hsm = true,
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("RSA-HSM", response.Body!["key"]!["kty"]!.GetValue<string>());
        Assert.Equal(p.Modulus, Jwk.Bytes(response.Body!["key"]!["n"]));
        Assert.Null(response.Body!["key"]!["d"]);
        var digest = SHA256.HashData("imported"u8);
        var signed = await _vault.PostAsync($"keys/{name}/sign", new { alg = "PS256", value = Jwk.Encode(digest) });
        Assert.True(rsa.VerifyHash(digest, Jwk.Bytes(signed.Body!["value"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    [Fact]
    public async Task Import_without_private_members_is_bad_parameter()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        var response = await _vault.SendAsync(HttpMethod.Put, $"keys/{VaultClient.NewName()}",
            new { key = new { kty = "RSA", n = Jwk.Encode(p.Modulus!), e = Jwk.Encode(p.Exponent!) } });
        response.AssertError(HttpStatusCode.BadRequest, "BadParameter");
    }

    internal static JsonNode? Kid(JsonNode bundle) => bundle["key"]!["kid"];
}
