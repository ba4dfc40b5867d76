using System.Security.Cryptography;

namespace Supacrypt.Backend.Keys;

/// <summary>A Key Vault signature algorithm (RS256 … ES512) chosen from a key and the caller's signing parameters.</summary>
public sealed record SignatureAlgorithm(string Name, HashAlgorithmName Hash, HashFunction HashFunction, RsaPadding Padding) : IKeyAlgorithm
{
    public int DigestLength => HashAlgorithms.DigestLength(Hash);

    public bool IsEcdsa => Padding == RsaPadding.Unspecified;

    public bool IsPss => Padding == RsaPadding.Pss;

    public static SignatureAlgorithm ForSigning(KeyDescription key, SigningRequest request) => Resolve(key, request, forVerification: false);

    public static SignatureAlgorithm ForVerification(KeyDescription key, SigningRequest request) => Resolve(key, request, forVerification: true);

    /// <summary>
    /// Resolves the algorithm, applying the contract's defaults for unset fields and refusing every combination
    /// Key Vault cannot perform. <paramref name="forVerification"/> admits any PSS salt length (verification is local).
    /// </summary>
    public static SignatureAlgorithm Resolve(KeyDescription key, SigningRequest request, bool forVerification)
    {
        var requestedHash = request.Hash;
        if (!Enum.IsDefined(requestedHash))
        {
            throw new KeyOperationException(KeyError.HashNotSupported, $"hash_algorithm {(int)requestedHash} is not part of the contract; use SHA256, SHA384 or SHA512.");
        }

        return key.Kind == KeyKind.Ec ? ResolveEcdsa(key, request, requestedHash) : ResolveRsa(key, request, requestedHash, forVerification);
    }

    private static SignatureAlgorithm ResolveEcdsa(KeyDescription key, SigningRequest request, HashFunction requestedHash)
    {
        if (request.Parameters == ParameterFamily.Rsa)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, $"Key '{key.Name}' is an EC key: send ecc_params (or none), not rsa_params.");
        }

        var (name, curveHash) = key.Curve switch
        {
            NamedCurve.P256 => ("ES256", HashFunction.Sha256),
            NamedCurve.P384 => ("ES384", HashFunction.Sha384),
            _ => ("ES512", HashFunction.Sha512),
        };
        if (requestedHash != HashFunction.Unspecified && requestedHash != curveHash)
        {
            throw new KeyOperationException(
                KeyError.HashNotSupported,
                $"Key '{key.Name}' is on curve {Curves.Name(key.Curve)}, which Key Vault signs only with {HashAlgorithms.Name(curveHash)}; {HashAlgorithms.Name(requestedHash)} is not supported with it.");
        }

        return new SignatureAlgorithm(name, HashAlgorithms.ToName(curveHash), curveHash, RsaPadding.Unspecified);
    }

    private static SignatureAlgorithm ResolveRsa(KeyDescription key, SigningRequest request, HashFunction requestedHash, bool forVerification)
    {
        if (request.Parameters == ParameterFamily.Ec)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, $"Key '{key.Name}' is an RSA key: send rsa_params (or none), not ecc_params.");
        }

        var hash = requestedHash == HashFunction.Unspecified ? HashFunction.Sha256 : requestedHash;
        var padding = request.Padding == RsaPadding.Unspecified ? RsaPadding.Pkcs1 : request.Padding;
        var bits = hash switch { HashFunction.Sha256 => "256", HashFunction.Sha384 => "384", _ => "512" };
        switch (padding)
        {
            case RsaPadding.Pkcs1:
                if (request.SaltLength != 0)
                {
                    throw new KeyOperationException(KeyError.PaddingNotSupported, "salt_length applies only to PSS; PKCS#1 v1.5 signatures have no salt.");
                }

                return new SignatureAlgorithm("RS" + bits, HashAlgorithms.ToName(hash), hash, padding);
            case RsaPadding.Pss:
                var digestLength = HashAlgorithms.DigestLength(HashAlgorithms.ToName(hash));
                if (!forVerification && request.SaltLength != 0 && request.SaltLength != digestLength)
                {
                    throw new KeyOperationException(
                        KeyError.PaddingNotSupported,
                        $"Key Vault signs PSS only with a salt as long as the digest ({digestLength} bytes for {HashAlgorithms.Name(hash)}); salt_length {request.SaltLength} is not supported.");
                }

                return new SignatureAlgorithm("PS" + bits, HashAlgorithms.ToName(hash), hash, padding);
            case RsaPadding.Oaep:
                throw new KeyOperationException(KeyError.PaddingNotSupported, "OAEP is an encryption padding; sign with PKCS1 or PSS.");
            default:
                throw new KeyOperationException(KeyError.PaddingNotSupported, $"padding_scheme {(int)padding} is not part of the contract; sign with PKCS1 or PSS.");
        }
    }
}
