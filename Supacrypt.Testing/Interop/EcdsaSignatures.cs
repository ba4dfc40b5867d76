using Supacrypt.Client;

namespace Supacrypt.Tests.Interop;

/// <summary>IEEE P1363 r‖s (what the contract returns) to the DER SEQUENCE { r INTEGER, s INTEGER } openssl reads.</summary>
public static class EcdsaSignatures
{
    public static byte[] P1363ToDer(ReadOnlySpan<byte> p1363) => EcdsaSignature.ToDer(p1363);
}
