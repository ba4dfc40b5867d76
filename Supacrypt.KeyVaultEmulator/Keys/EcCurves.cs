using System.Security.Cryptography;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>Key Vault curve names and what they mean to .NET.</summary>
public static class EcCurves
{
    public const string P256 = "P-256";
    public const string P256K = "P-256K";
    public const string P384 = "P-384";
    public const string P521 = "P-521";

    public static IReadOnlyList<string> All { get; } = [P256, P256K, P384, P521];

    public static bool TryGet(string? name, out ECCurve curve)
    {
        curve = name switch
        {
            P256 => ECCurve.NamedCurves.nistP256,
            P384 => ECCurve.NamedCurves.nistP384,
            P521 => ECCurve.NamedCurves.nistP521,
            // secp256k1 has no NamedCurves entry; OpenSSL knows it by OID.
            P256K => ECCurve.CreateFromValue("1.3.132.0.10"),
            _ => default,
        };
        return name is P256 or P384 or P521 or P256K;
    }
}
