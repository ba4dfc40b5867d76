using System.Security.Cryptography;

namespace Supacrypt.Backend.Keys;

/// <summary>The curves as Key Vault and .NET name them.</summary>
public static class Curves
{
    public static string Name(NamedCurve curve) => curve switch
    {
        NamedCurve.P256 => "P-256",
        NamedCurve.P384 => "P-384",
        NamedCurve.P521 => "P-521",
        _ => $"curve {(int)curve}",
    };

    public static ECCurve ToDotNet(NamedCurve curve) => curve switch
    {
        NamedCurve.P256 => ECCurve.NamedCurves.nistP256,
        NamedCurve.P384 => ECCurve.NamedCurves.nistP384,
        NamedCurve.P521 => ECCurve.NamedCurves.nistP521,
        _ => throw new ArgumentOutOfRangeException(nameof(curve), curve, "Not a concrete curve."),
    };

    /// <summary>The length of one coordinate, and so of r and s in an IEEE P1363 signature.</summary>
    public static int FieldLength(NamedCurve curve) => curve switch
    {
        NamedCurve.P256 => 32,
        NamedCurve.P384 => 48,
        _ => 66,
    };
}
