namespace Supacrypt.Backend.Keys;

/// <summary>
/// RSA paddings a caller may name. Numbered as the contract's RSAPaddingScheme, so a requested value outside it keeps
/// its number in the refusal.
/// </summary>
public enum RsaPadding
{
    Unspecified,
    Pkcs1,
    Pss,
    Oaep,
}
