namespace Supacrypt.Backend.Keys;

/// <summary>
/// The hashes a caller may name. Numbered as the contract's HashAlgorithm, so a requested value outside it keeps its
/// number in the refusal.
/// </summary>
public enum HashFunction
{
    Unspecified,
    Sha256,
    Sha384,
    Sha512,
}
