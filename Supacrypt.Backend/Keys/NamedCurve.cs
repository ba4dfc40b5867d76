namespace Supacrypt.Backend.Keys;

/// <summary>
/// The NIST curves Key Vault offers for EC keys; <see cref="Unspecified"/> for an RSA key. Numbered as the
/// contract's ECCCurve, so a requested value outside it keeps its number in the refusal.
/// </summary>
public enum NamedCurve
{
    Unspecified,
    P256,
    P384,
    P521,
}
