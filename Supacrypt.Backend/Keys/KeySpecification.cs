using Supacrypt.V1;

namespace Supacrypt.Backend.Keys;

/// <summary>The key a GenerateKey request asks for, with the contract's defaults applied and nothing else assumed.</summary>
public sealed record KeySpecification(KeyKind Kind, int ModulusBits, int PublicExponent, NamedCurve Curve)
{
    public static KeySpecification Resolve(KeyAlgorithm algorithm, KeyParameters? parameters)
    {
        parameters ??= new KeyParameters();
        return algorithm switch
        {
            KeyAlgorithm.Rsa => Rsa(parameters),
            KeyAlgorithm.Ecc or KeyAlgorithm.Ecdsa => Ec(parameters),
            KeyAlgorithm.Unspecified => throw new KeyOperationException(KeyError.UnsupportedAlgorithm, "algorithm is required: KEY_ALGORITHM_RSA, KEY_ALGORITHM_ECC or KEY_ALGORITHM_ECDSA."),
            _ => throw new KeyOperationException(KeyError.UnsupportedAlgorithm, $"algorithm {(int)algorithm} is not part of the contract; use RSA, ECC or ECDSA."),
        };
    }

    private static KeySpecification Rsa(KeyParameters parameters)
    {
        if (parameters.AlgorithmParamsCase == KeyParameters.AlgorithmParamsOneofCase.EccParams)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, "An RSA key takes rsa_params, not ecc_params.");
        }

        var rsa = parameters.RsaParams ?? new RSAParameters();
        var bits = rsa.KeySize switch
        {
            RSAKeySize.Unspecified => 2048,
            RSAKeySize._2048 or RSAKeySize._3072 or RSAKeySize._4096 => (int)rsa.KeySize,
            _ => throw new KeyOperationException(KeyError.KeySizeNotSupported, $"RSA key size {(int)rsa.KeySize} is not supported; use 2048, 3072 or 4096."),
        };
        var exponent = rsa.PublicExponent switch
        {
            0 => 65537,
            65537 or 3 => (int)rsa.PublicExponent,
            _ => throw new KeyOperationException(KeyError.InvalidRequest, $"public_exponent {rsa.PublicExponent} is not supported; Key Vault accepts 65537 (the default) or 3."),
        };
        return new KeySpecification(KeyKind.Rsa, bits, exponent, NamedCurve.Unspecified);
    }

    private static KeySpecification Ec(KeyParameters parameters)
    {
        if (parameters.AlgorithmParamsCase == KeyParameters.AlgorithmParamsOneofCase.RsaParams)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, "An EC key takes ecc_params, not rsa_params.");
        }

        var curve = parameters.EccParams?.Curve ?? ECCCurve.Unspecified;
        return curve switch
        {
            ECCCurve.Unspecified or ECCCurve.P256 => new KeySpecification(KeyKind.Ec, 0, 0, NamedCurve.P256),
            ECCCurve.P384 => new KeySpecification(KeyKind.Ec, 0, 0, NamedCurve.P384),
            ECCCurve.P521 => new KeySpecification(KeyKind.Ec, 0, 0, NamedCurve.P521),
            _ => throw new KeyOperationException(KeyError.CurveNotSupported, $"curve {(int)curve} is not supported; use P-256, P-384 or P-521."),
        };
    }
}
