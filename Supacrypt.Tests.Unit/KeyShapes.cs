using Supacrypt.Backend.Keys;
using Supacrypt.Backend.KeyVault.Models;

namespace Supacrypt.Tests.Unit;

/// <summary>Key descriptions and bundles made by hand, for the parts of the backend that only read them.</summary>
internal static class KeyShapes
{
    public const string VaultUri = "https://unit.vault.azure.net";
    public const string Version = "00112233445566778899aabbccddeeff";

    public static string Kid(string name, string version = Version) => $"{VaultUri}/keys/{name}/{version}";

    public static KeyDescription Rsa(int bits = 2048) =>
        new("rsa-key", Version, KeyKind.Rsa, bits, 65537, NamedCurve.Unspecified, new KeyBundle());

    public static KeyDescription Ec(NamedCurve curve) =>
        new("ec-key", Version, KeyKind.Ec, 0, 0, curve, new KeyBundle());

    public static KeyBundle RsaBundle(byte[] modulus, byte[] exponent, string name = "rsa-key") => new()
    {
        Key = new JsonWebKey { Kid = Kid(name), Kty = "RSA", N = modulus, E = exponent },
    };

    public static KeyBundle EcBundle(string crv, byte[] x, byte[] y, string name = "ec-key", string kty = "EC") => new()
    {
        Key = new JsonWebKey { Kid = Kid(name), Kty = kty, Crv = crv, X = x, Y = y },
    };
}
