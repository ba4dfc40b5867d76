using System.Numerics;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.KeyVault.Models;

namespace Supacrypt.Backend.Keys;

public enum KeyKind
{
    Rsa,
    Ec,
}

/// <summary>What a Key Vault key is, in the domain's terms: its kind, size or curve, and where it lives.</summary>
public sealed record KeyDescription(string Name, string Version, KeyKind Kind, int ModulusBits, int PublicExponent, NamedCurve Curve, KeyBundle Bundle)
{
    public string KeyId => $"{Name}/{Version}";

    public int ModulusBytes => (ModulusBits + 7) / 8;

    public static KeyDescription From(KeyBundle bundle)
    {
        var key = bundle.Key;
        var name = KeyIdentifier.NameOf(key.Kid) ?? throw MalformedKey("it has no key identifier");
        var version = KeyIdentifier.VersionOf(key.Kid) ?? throw MalformedKey("its identifier has no version");
        switch (key.Kty)
        {
            case "RSA" or "RSA-HSM":
                if (key.N is not { Length: > 0 } n || key.E is not { Length: > 0 } e)
                {
                    throw MalformedKey("the RSA key has no public modulus or exponent");
                }

                var modulusBits = (int)new BigInteger(n, isUnsigned: true, isBigEndian: true).GetBitLength();
                var exponent = new BigInteger(e, isUnsigned: true, isBigEndian: true);
                return new KeyDescription(name, version, KeyKind.Rsa, modulusBits, exponent <= int.MaxValue ? (int)exponent : 0, NamedCurve.Unspecified, bundle);
            case "EC" or "EC-HSM":
                if (key.X is not { Length: > 0 } || key.Y is not { Length: > 0 })
                {
                    throw MalformedKey("the EC key has no public point");
                }

                var curve = key.Crv switch
                {
                    "P-256" => NamedCurve.P256,
                    "P-384" => NamedCurve.P384,
                    "P-521" => NamedCurve.P521,
                    _ => throw new KeyOperationException(KeyError.CurveNotSupported, $"Key '{name}' uses curve '{key.Crv}', which the supacrypt.v1 contract cannot express; use a P-256, P-384 or P-521 key."),
                };
                return new KeyDescription(name, version, KeyKind.Ec, 0, 0, curve, bundle);
            default:
                throw new KeyOperationException(KeyError.UnsupportedAlgorithm, $"Key '{name}' has key type '{key.Kty}'; only RSA and EC keys are supported.");
        }
    }

    private static KeyVaultException MalformedKey(string reason) =>
        new(502, "InvalidResponse", $"Key Vault returned a key that cannot be used: {reason}.");
}
