using Supacrypt.Backend.Keys;
using Supacrypt.V1;

namespace Supacrypt.Backend.Telemetry;

/// <summary>
/// What an RPC found out while it ran (the key's type, the algorithm), for its span and metrics. The RPC's runner
/// opens one per call; the key operations fill it in as they learn, so failures are attributed too.
/// </summary>
public sealed class OperationAttributes
{
    private static readonly AsyncLocal<OperationAttributes?> CurrentCall = new();

    public string? KeyType { get; private set; }

    public string? Algorithm { get; private set; }

    /// <summary>The attributes of the RPC running on this asynchronous flow, if any.</summary>
    public static OperationAttributes? Current => CurrentCall.Value;

    /// <summary>Starts collecting for the calling RPC; the flow it awaits sees the same instance.</summary>
    public static OperationAttributes Begin() => CurrentCall.Value = new OperationAttributes();

    /// <summary>Notes the key's type; returns the key so that callers can describe it where they load it.</summary>
    public static KeyDescription Describe(KeyDescription key)
    {
        if (Current is { } attributes)
        {
            attributes.KeyType = KeyTypeOf(key);
        }

        return key;
    }

    /// <summary>Notes the Key Vault algorithm name (RS256, ES384, RSA-OAEP-256 …), a fixed set.</summary>
    public static void DescribeAlgorithm(string algorithm)
    {
        if (Current is { } attributes)
        {
            attributes.Algorithm = algorithm;
        }
    }

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
                ECCCurve.P256 => "P256",
                ECCCurve.P384 => "P384",
                ECCCurve.P521 => "P521",
                _ => "other",
            }
            : key.ModulusBits is 2048 or 3072 or 4096 ? key.ModulusBits.ToString(System.Globalization.CultureInfo.InvariantCulture) : "other";
        return $"{kind}{hsm}-{shape}";
    }
}
