namespace Supacrypt.Backend.Keys;

/// <summary>The NIST curves Key Vault offers for EC keys; <see cref="Unspecified"/> for an RSA key.</summary>
public enum NamedCurve
{
    Unspecified,
    P256,
    P384,
    P521,
}
