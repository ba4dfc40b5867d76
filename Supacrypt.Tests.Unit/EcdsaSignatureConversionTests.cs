using System.Security.Cryptography;
using Supacrypt.Tests.Interop;

namespace Supacrypt.Tests.Unit;

/// <summary>The interop tests' own P1363 → DER conversion, checked before openssl relies on it.</summary>
public sealed class EcdsaSignatureConversionTests
{
    [Fact]
    public void Leading_zeros_are_dropped_and_a_high_bit_gets_a_zero_byte()
    {
        byte[] p1363 = [0, 0, 0, 1, 0x80, 0, 0, 0];

        Assert.Equal(new byte[] { 0x30, 0x0A, 0x02, 0x01, 0x01, 0x02, 0x05, 0x00, 0x80, 0x00, 0x00, 0x00 }, EcdsaSignatures.P1363ToDer(p1363));
    }

    [Theory]
    [InlineData(256)]
    [InlineData(384)]
    [InlineData(521)]
    public void Converted_signatures_verify_as_der_with_dotnet(int bits)
    {
        using var ecdsa = ECDsa.Create(bits == 256 ? ECCurve.NamedCurves.nistP256 : bits == 384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP521);
        var digest = SHA256.HashData("data"u8);
        for (var round = 0; round < 20; round++)
        {
            var der = EcdsaSignatures.P1363ToDer(ecdsa.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

            Assert.True(ecdsa.VerifyHash(digest, der, DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    public void A_signature_that_is_not_two_halves_is_refused(int length) =>
        Assert.Throws<ArgumentException>(() => EcdsaSignatures.P1363ToDer(new byte[length]));
}
