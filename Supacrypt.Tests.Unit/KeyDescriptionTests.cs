using System.Security.Cryptography;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.KeyVault.Models;
using static Supacrypt.Tests.Unit.Refusals;

namespace Supacrypt.Tests.Unit;

public sealed class KeyDescriptionTests
{
    [Fact]
    public void An_rsa_modulus_with_a_leading_zero_byte_keeps_its_real_size()
    {
        var key = TestRsaKeys.PublicKey(2048);

        var description = KeyDescription.From(KeyShapes.RsaBundle([0, .. key.Modulus!], [0, .. key.Exponent!], "padded"));

        Assert.Equal(KeyKind.Rsa, description.Kind);
        Assert.Equal(2048, description.ModulusBits);
        Assert.Equal(256, description.ModulusBytes);
        Assert.Equal(65537, description.PublicExponent);
        Assert.Equal("padded", description.Name);
        Assert.Equal(KeyShapes.Version, description.Version);
        Assert.Equal($"padded/{KeyShapes.Version}", description.KeyId);
        Assert.Equal(NamedCurve.Unspecified, description.Curve);
    }

    [Theory]
    [InlineData("RSA")]
    [InlineData("RSA-HSM")]
    public void Rsa_size_and_exponent_come_from_the_jwk(string kty)
    {
        var modulus = new byte[384];
        modulus[0] = 0x40;
        modulus[^1] = 0x01;
        var bundle = KeyShapes.RsaBundle(modulus, [3]);
        bundle = bundle with { Key = bundle.Key with { Kty = kty } };

        var description = KeyDescription.From(bundle);

        Assert.Equal(3071, description.ModulusBits);
        Assert.Equal(384, description.ModulusBytes);
        Assert.Equal(3, description.PublicExponent);
    }

    [Fact]
    public void An_exponent_beyond_int_is_reported_as_zero_rather_than_wrapped()
    {
        var description = KeyDescription.From(KeyShapes.RsaBundle(new byte[256].Select((_, i) => i == 0 ? (byte)0x80 : (byte)1).ToArray(), [0x01, 0x00, 0x00, 0x00, 0x01]));

        Assert.Equal(0, description.PublicExponent);
    }

    [Theory]
    [InlineData("EC", "P-256", NamedCurve.P256, 32)]
    [InlineData("EC", "P-384", NamedCurve.P384, 48)]
    [InlineData("EC-HSM", "P-521", NamedCurve.P521, 66)]
    [InlineData("EC-HSM", "P-256", NamedCurve.P256, 32)]
    public void Ec_curves_map_to_the_contract(string kty, string crv, NamedCurve curve, int fieldLength)
    {
        var description = KeyDescription.From(KeyShapes.EcBundle(crv, new byte[fieldLength], new byte[fieldLength], kty: kty));

        Assert.Equal(KeyKind.Ec, description.Kind);
        Assert.Equal(curve, description.Curve);
        Assert.Equal(0, description.ModulusBits);
        Assert.Equal(fieldLength, Curves.FieldLength(curve));
    }

    [Theory]
    [InlineData("P-256K")]
    [InlineData("SECP256K1")]
    [InlineData("p-256")]
    [InlineData(null)]
    public void Curves_the_contract_cannot_express_are_refused(string? crv)
    {
        var refusal = Refused(KeyError.CurveNotSupported, () => KeyDescription.From(KeyShapes.EcBundle(crv!, new byte[32], new byte[32], name: "k256")));

        Assert.Contains("k256", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oct")]
    [InlineData("oct-HSM")]
    [InlineData("OKP")]
    [InlineData(null)]
    public void Key_types_other_than_rsa_and_ec_are_unsupported(string? kty) =>
        Refused(KeyError.UnsupportedAlgorithm, () => KeyDescription.From(new KeyBundle { Key = new JsonWebKey { Kid = KeyShapes.Kid("sym"), Kty = kty } }));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("https://unit.vault.azure.net/keys/no-version")]
    [InlineData("https://unit.vault.azure.net/keys/no-version/")]
    public void A_key_without_a_full_identifier_is_a_malformed_vault_answer(string? kid)
    {
        var key = TestRsaKeys.PublicKey(2048);
        var bundle = KeyShapes.RsaBundle(key.Modulus!, key.Exponent!);

        var exception = Assert.Throws<KeyVaultException>(() => KeyDescription.From(bundle with { Key = bundle.Key with { Kid = kid } }));

        Assert.Equal(502, exception.Status);
    }

    [Fact]
    public void An_rsa_key_without_modulus_or_exponent_is_a_malformed_vault_answer()
    {
        Assert.Equal(502, Assert.Throws<KeyVaultException>(() => KeyDescription.From(KeyShapes.RsaBundle([], [1, 0, 1]))).Status);
        Assert.Equal(502, Assert.Throws<KeyVaultException>(() => KeyDescription.From(KeyShapes.RsaBundle([0xC5, 0x01], []))).Status);
        var bundle = KeyShapes.RsaBundle([0xC5, 0x01], [3]);
        Assert.Equal(502, Assert.Throws<KeyVaultException>(() => KeyDescription.From(bundle with { Key = bundle.Key with { N = null } })).Status);
    }

    // The RSA branch refuses a key without its public numbers; an EC key without coordinates must not get further
    // (PublicKeyEncoding.ToEcdsa would dereference the missing coordinate: an unexplained INTERNAL).
    [Fact]
    public void An_ec_key_without_coordinates_is_a_malformed_vault_answer()
    {
        var bundle = KeyShapes.EcBundle("P-256", new byte[32], new byte[32]);

        Assert.Equal(502, Assert.Throws<KeyVaultException>(() => KeyDescription.From(bundle with { Key = bundle.Key with { X = null } })).Status);
        Assert.Equal(502, Assert.Throws<KeyVaultException>(() => KeyDescription.From(bundle with { Key = bundle.Key with { Y = null } })).Status);
    }
}

/// <summary>.NET RSA public keys made once per test run; 4096-bit generation is slow enough to share.</summary>
internal static class TestRsaKeys
{
    private static readonly Dictionary<int, Lazy<System.Security.Cryptography.RSAParameters>> Keys = new()
    {
        [2048] = new(() => Generate(2048)),
        [3072] = new(() => Generate(3072)),
        [4096] = new(() => Generate(4096)),
    };

    public static System.Security.Cryptography.RSAParameters PublicKey(int bits) => Keys[bits].Value;

    /// <summary>A new RSA object for the shared key, so parallel tests never share one instance.</summary>
    public static RSA Create(int bits) => RSA.Create(PublicKey(bits));

    private static System.Security.Cryptography.RSAParameters Generate(int bits)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportParameters(includePrivateParameters: false);
    }
}
