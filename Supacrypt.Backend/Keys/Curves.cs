using System.Security.Cryptography;
using Supacrypt.V1;

namespace Supacrypt.Backend.Keys;

/// <summary>The contract's curves as Key Vault and .NET name them.</summary>
public static class Curves
{
    public static string Name(ECCCurve curve) => curve switch
    {
        ECCCurve.P256 => "P-256",
        ECCCurve.P384 => "P-384",
        ECCCurve.P521 => "P-521",
        _ => $"curve {(int)curve}",
    };

    public static ECCurve ToDotNet(ECCCurve curve) => curve switch
    {
        ECCCurve.P256 => ECCurve.NamedCurves.nistP256,
        ECCCurve.P384 => ECCurve.NamedCurves.nistP384,
        ECCCurve.P521 => ECCurve.NamedCurves.nistP521,
        _ => throw new ArgumentOutOfRangeException(nameof(curve), curve, "Not a concrete curve."),
    };

    /// <summary>The length of one coordinate, and so of r and s in an IEEE P1363 signature.</summary>
    public static int FieldLength(ECCCurve curve) => curve switch
    {
        ECCCurve.P256 => 32,
        ECCCurve.P384 => 48,
        _ => 66,
    };
}
