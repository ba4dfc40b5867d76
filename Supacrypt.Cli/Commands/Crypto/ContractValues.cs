using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary>Command-line choices to contract enums.</summary>
internal static class ContractValues
{
    public static HashAlgorithm Hash(HashChoice hash) => hash switch
    {
        HashChoice.Sha256 => HashAlgorithm.Sha256,
        HashChoice.Sha384 => HashAlgorithm.Sha384,
        HashChoice.Sha512 => HashAlgorithm.Sha512,
        _ => HashAlgorithm.Unspecified,
    };

    public static RSAPaddingScheme Padding(PaddingChoice padding) => padding switch
    {
        PaddingChoice.Pkcs1 => RSAPaddingScheme.RsaPaddingPkcs1,
        PaddingChoice.Pss => RSAPaddingScheme.RsaPaddingPss,
        PaddingChoice.Oaep => RSAPaddingScheme.RsaPaddingOaep,
        _ => RSAPaddingScheme.RsaPaddingUnspecified,
    };

    public static KeyAlgorithm Algorithm(KeyAlgorithmChoice algorithm) => algorithm switch
    {
        KeyAlgorithmChoice.Rsa => KeyAlgorithm.Rsa,
        KeyAlgorithmChoice.Ec => KeyAlgorithm.Ecc,
        _ => KeyAlgorithm.Ecdsa,
    };

    public static ECCCurve Curve(CurveChoice curve) => curve switch
    {
        CurveChoice.P384 => ECCCurve.P384,
        CurveChoice.P521 => ECCCurve.P521,
        _ => ECCCurve.P256,
    };
}
