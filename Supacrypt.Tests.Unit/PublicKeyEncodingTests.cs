using System.Security.Cryptography;
using Supacrypt.Backend.Keys;

namespace Supacrypt.Tests.Unit;

public sealed class PublicKeyEncodingTests
{
    [Theory]
    [InlineData(2048)]
    [InlineData(3072)]
    [InlineData(4096)]
    public void Rsa_jwk_becomes_the_subject_public_key_info_dotnet_exports(int bits)
    {
        using var rsa = TestRsaKeys.Create(bits);
        var parameters = rsa.ExportParameters(false);

        var plain = KeyDescription.From(KeyShapes.RsaBundle(parameters.Modulus!, parameters.Exponent!));
        var signByte = KeyDescription.From(KeyShapes.RsaBundle([0, .. parameters.Modulus!], [0, 0, .. parameters.Exponent!]));

        Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), PublicKeyEncoding.ToSubjectPublicKeyInfo(plain));
        Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), PublicKeyEncoding.ToSubjectPublicKeyInfo(signByte));
        using var imported = PublicKeyEncoding.ToRsa(signByte.Bundle.Key);
        Assert.Equal(bits, imported.KeySize);
    }

    [Fact]
    public void Rsa_exponent_3_is_kept()
    {
        var parameters = TestRsaKeys.PublicKey(2048);

        var key = KeyDescription.From(KeyShapes.RsaBundle(parameters.Modulus!, [3]));

        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(PublicKeyEncoding.ToSubjectPublicKeyInfo(key), out _);
        Assert.Equal(new byte[] { 3 }, rsa.ExportParameters(false).Exponent);
        Assert.Equal(parameters.Modulus, rsa.ExportParameters(false).Modulus);
    }

    [Theory]
    [InlineData("P-256")]
    [InlineData("P-384")]
    [InlineData("P-521")]
    public void Ec_jwk_becomes_the_subject_public_key_info_dotnet_exports(string crv)
    {
        using var ecdsa = ECDsa.Create(DotNetCurve(crv));
        var q = ecdsa.ExportParameters(false).Q;

        var key = KeyDescription.From(KeyShapes.EcBundle(crv, q.X!, q.Y!));

        Assert.Equal(ecdsa.ExportSubjectPublicKeyInfo(), PublicKeyEncoding.ToSubjectPublicKeyInfo(key));
    }

    [Theory]
    [InlineData("P-256", true)]
    [InlineData("P-256", false)]
    [InlineData("P-384", true)]
    [InlineData("P-521", true)]
    [InlineData("P-521", false)]
    public void Short_ec_coordinates_are_left_padded(string crv, bool shortX)
    {
        var (ecdsa, x, y) = KeyWithLeadingZeroCoordinate(crv, shortX);
        using (ecdsa)
        {
            var trimmedX = shortX ? x.AsSpan().TrimStart((byte)0).ToArray() : x;
            var trimmedY = shortX ? y : y.AsSpan().TrimStart((byte)0).ToArray();
            Assert.True(trimmedX.Length < x.Length || trimmedY.Length < y.Length);

            var key = KeyDescription.From(KeyShapes.EcBundle(crv, trimmedX, trimmedY));

            Assert.Equal(ecdsa.ExportSubjectPublicKeyInfo(), PublicKeyEncoding.ToSubjectPublicKeyInfo(key));
            using var imported = PublicKeyEncoding.ToEcdsa(key.Bundle.Key, key.Curve);
            Assert.Equal(x, imported.ExportParameters(false).Q.X);
            Assert.Equal(y, imported.ExportParameters(false).Q.Y);
        }
    }

    [Fact]
    public void Ec_coordinates_with_a_sign_byte_are_trimmed()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(false).Q;

        var key = KeyDescription.From(KeyShapes.EcBundle("P-256", [0, .. q.X!], [0, .. q.Y!]));

        Assert.Equal(ecdsa.ExportSubjectPublicKeyInfo(), PublicKeyEncoding.ToSubjectPublicKeyInfo(key));
    }

    [Fact]
    public void A_public_key_made_from_the_jwk_verifies_what_the_private_key_signed()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var q = ecdsa.ExportParameters(false).Q;
        var digest = SHA384.HashData("data"u8);
        var signature = ecdsa.SignHash(digest);

        var key = KeyDescription.From(KeyShapes.EcBundle("P-384", q.X!, q.Y!));

        using var verifier = PublicKeyEncoding.ToEcdsa(key.Bundle.Key, NamedCurve.P384);
        Assert.True(verifier.VerifyHash(digest, signature));
        signature[3] ^= 1;
        Assert.False(verifier.VerifyHash(digest, signature));
    }

    private static (ECDsa Key, byte[] X, byte[] Y) KeyWithLeadingZeroCoordinate(string crv, bool inX)
    {
        for (var attempt = 0; attempt < 20_000; attempt++)
        {
            var ecdsa = ECDsa.Create(DotNetCurve(crv));
            var q = ecdsa.ExportParameters(false).Q;
            if ((inX ? q.X! : q.Y!)[0] == 0)
            {
                return (ecdsa, q.X!, q.Y!);
            }

            ecdsa.Dispose();
        }

        throw new InvalidOperationException("No key with a leading zero coordinate byte was found.");
    }

    private static ECCurve DotNetCurve(string crv) => crv switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        _ => ECCurve.NamedCurves.nistP521,
    };
}
