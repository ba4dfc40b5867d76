namespace Supacrypt.Backend.Keys;

/// <summary>
/// The kind of key a GenerateKey asks for. Numbered as the contract's KeyAlgorithm, so a value outside it keeps its
/// number in the refusal.
/// </summary>
public enum KeyFamily
{
    Unspecified,
    Rsa,
    Ecc,
    Ecdsa,
}

/// <summary>Which one of a request's RSA or EC parameter alternatives the caller filled in, if any.</summary>
public enum ParameterFamily
{
    None,
    Rsa,
    Ec,
}

/// <summary>
/// A GenerateKey's key as the caller asked for it, before defaults: 0 means unset for size, exponent and curve.
/// <see cref="Curve"/> keeps a number outside <see cref="NamedCurve"/> so the refusal can name it.
/// </summary>
public readonly record struct KeyRequest(KeyFamily Algorithm, ParameterFamily Parameters, int ModulusBits, uint PublicExponent, NamedCurve Curve);
