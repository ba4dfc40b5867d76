using System.Formats.Asn1;
using System.Numerics;

namespace Supacrypt.Tests.Interop;

/// <summary>IEEE P1363 r‖s (what the contract returns) to the DER SEQUENCE { r INTEGER, s INTEGER } openssl reads.</summary>
public static class EcdsaSignatures
{
    public static byte[] P1363ToDer(ReadOnlySpan<byte> p1363)
    {
        if (p1363.Length == 0 || p1363.Length % 2 != 0)
        {
            throw new ArgumentException("A P1363 signature is two equal-length halves.", nameof(p1363));
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
}
