namespace Supacrypt.Backend.Keys;

/// <summary>The key a GenerateKey request asks for, with the contract's defaults applied and nothing else assumed.</summary>
public sealed record KeySpecification(KeyKind Kind, int ModulusBits, int PublicExponent, NamedCurve Curve)
{
    public static KeySpecification Resolve(KeyRequest request) => request.Algorithm switch
    {
        KeyFamily.Rsa => Rsa(request),
        KeyFamily.Ecc or KeyFamily.Ecdsa => Ec(request),
        KeyFamily.Unspecified => throw new KeyOperationException(KeyError.UnsupportedAlgorithm, "algorithm is required: KEY_ALGORITHM_RSA, KEY_ALGORITHM_ECC or KEY_ALGORITHM_ECDSA."),
        _ => throw new KeyOperationException(KeyError.UnsupportedAlgorithm, $"algorithm {(int)request.Algorithm} is not part of the contract; use RSA, ECC or ECDSA."),
    };

    private static KeySpecification Rsa(KeyRequest request)
    {
        if (request.Parameters == ParameterFamily.Ec)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, "An RSA key takes rsa_params, not ecc_params.");
        }

        var bits = request.ModulusBits switch
        {
            0 => 2048,
            2048 or 3072 or 4096 => request.ModulusBits,
            _ => throw new KeyOperationException(KeyError.KeySizeNotSupported, $"RSA key size {request.ModulusBits} is not supported; use 2048, 3072 or 4096."),
        };
        var exponent = request.PublicExponent switch
        {
            0 => 65537,
            65537 or 3 => (int)request.PublicExponent,
            _ => throw new KeyOperationException(KeyError.InvalidRequest, $"public_exponent {request.PublicExponent} is not supported; Key Vault accepts 65537 (the default) or 3."),
        };
        return new KeySpecification(KeyKind.Rsa, bits, exponent, NamedCurve.Unspecified);
    }

    private static KeySpecification Ec(KeyRequest request)
    {
        if (request.Parameters == ParameterFamily.Rsa)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, "An EC key takes ecc_params, not rsa_params.");
        }

        return request.Curve switch
        {
            NamedCurve.Unspecified => new KeySpecification(KeyKind.Ec, 0, 0, NamedCurve.P256),
            NamedCurve.P256 or NamedCurve.P384 or NamedCurve.P521 => new KeySpecification(KeyKind.Ec, 0, 0, request.Curve),
            _ => throw new KeyOperationException(KeyError.CurveNotSupported, $"curve {(int)request.Curve} is not supported; use P-256, P-384 or P-521."),
        };
    }
}
