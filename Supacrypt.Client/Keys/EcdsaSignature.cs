using System.Formats.Asn1;
using System.Numerics;

namespace Supacrypt.Client;

/// <summary>
/// ECDSA signatures in the contract are IEEE P1363: r and s, each as long as the curve's field, concatenated (r||s).
/// openssl, Java and X.509 use DER (RFC 3279: SEQUENCE { r INTEGER, s INTEGER }); these convert between the two.
/// .NET's <c>ECDsa.VerifyData</c> takes P1363 by default, and DER with <c>DSASignatureFormat.Rfc3279DerSequence</c>.
/// </summary>
public static class EcdsaSignature
{
    /// <summary>P1363 r||s to DER, for <c>openssl dgst -verify</c>.</summary>
    public static byte[] ToDer(ReadOnlySpan<byte> p1363)
    {
        if (p1363.IsEmpty || p1363.Length % 2 != 0)
        {
            throw new ArgumentException("A P1363 signature is two halves of equal length (r||s).", nameof(p1363));
        }

        var half = p1363.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(p1363[..half], isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new BigInteger(p1363[half..], isUnsigned: true, isBigEndian: true));
        }

        return writer.Encode();
    }

    /// <summary>DER to P1363 r||s for a curve whose field is <paramref name="fieldSizeInBytes"/> long (32 for P-256, 48 for P-384, 66 for P-521).</summary>
    public static byte[] FromDer(ReadOnlySpan<byte> der, int fieldSizeInBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fieldSizeInBytes);
        var sequence = new AsnReader(der.ToArray(), AsnEncodingRules.DER).ReadSequence();
        var signature = new byte[2 * fieldSizeInBytes];
        WriteUnsigned(sequence.ReadInteger(), signature.AsSpan(0, fieldSizeInBytes));
        WriteUnsigned(sequence.ReadInteger(), signature.AsSpan(fieldSizeInBytes));
        sequence.ThrowIfNotEmpty();
        return signature;
    }

    private static void WriteUnsigned(BigInteger value, Span<byte> destination)
    {
        var length = value.GetByteCount(isUnsigned: true);
        if (value.Sign < 0 || length > destination.Length)
        {
            throw new ArgumentException($"The signature does not fit a {destination.Length}-byte field.");
        }

        value.TryWriteBytes(destination[(destination.Length - length)..], out _, isUnsigned: true, isBigEndian: true);
    }
}
