using Supacrypt.Backend.Keys;

namespace Supacrypt.Backend.Telemetry;

/// <summary>
/// What a call found out while it ran (the key's type, the algorithm), for its span and metrics. The pipeline
/// creates one per call and the key operations fill it in as they learn, so failures are attributed too.
/// </summary>
public sealed class OperationTags
{
    public string? KeyType { get; private set; }

    public string? Algorithm { get; private set; }

    /// <summary>Notes the key's type; returns the key so that callers can describe it where they load it.</summary>
    public KeyDescription Describe(KeyDescription key)
    {
        KeyType = KeyTypeOf(key);
        return key;
    }

    /// <summary>Notes the Key Vault algorithm name (RS256, ES384, RSA-OAEP-256 …), a fixed set.</summary>
    public void DescribeAlgorithm(string algorithm) => Algorithm = algorithm;

    /// <summary>
    /// Kind, size or curve, and whether the key lives in an HSM: "RSA-2048", "EC-P384", "RSA-HSM-4096". Sizes outside
    /// Key Vault's three RSA sizes (imported keys) fold into "RSA-other" so that the set stays bounded.
    /// </summary>
    public static string KeyTypeOf(KeyDescription key)
    {
        var kind = key.Kind == KeyKind.Ec ? "EC" : "RSA";
        var hsm = key.Bundle.Key.Kty?.EndsWith("-HSM", StringComparison.Ordinal) == true ? "-HSM" : "";
        var shape = key.Kind == KeyKind.Ec
            ? key.Curve switch
            {
                NamedCurve.P256 => "P256",
                NamedCurve.P384 => "P384",
                NamedCurve.P521 => "P521",
                _ => "other",
            }
            : key.ModulusBits is 2048 or 3072 or 4096 ? key.ModulusBits.ToString(System.Globalization.CultureInfo.InvariantCulture) : "other";
        return $"{kind}{hsm}-{shape}";
    }
}
