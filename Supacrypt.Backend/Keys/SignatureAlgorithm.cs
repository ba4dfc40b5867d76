using System.Security.Cryptography;
using Supacrypt.V1;
using ContractHash = Supacrypt.V1.HashAlgorithm;

namespace Supacrypt.Backend.Keys;

/// <summary>A Key Vault signature algorithm (RS256 … ES512) chosen from a key and the contract's signing parameters.</summary>
public sealed record SignatureAlgorithm(string Name, HashAlgorithmName Hash, ContractHash ContractHash, RSAPaddingScheme Padding) : IKeyAlgorithm
{
    public int DigestLength => HashAlgorithms.DigestLength(Hash);

    public bool IsEcdsa => Padding == RSAPaddingScheme.RsaPaddingUnspecified;

    public bool IsPss => Padding == RSAPaddingScheme.RsaPaddingPss;

    public static SignatureAlgorithm ForSigning(KeyDescription key, SigningParameters? parameters) => Resolve(key, parameters, forVerification: false);

    public static SignatureAlgorithm ForVerification(KeyDescription key, SigningParameters? parameters) => Resolve(key, parameters, forVerification: true);

    /// <summary>
    /// Resolves the algorithm, applying the contract's defaults for unset fields and refusing every combination
    /// Key Vault cannot perform. <paramref name="forVerification"/> admits any PSS salt length (verification is local).
    /// </summary>
    public static SignatureAlgorithm Resolve(KeyDescription key, SigningParameters? parameters, bool forVerification)
    {
        parameters ??= new SigningParameters();
        var requestedHash = parameters.HashAlgorithm;
        if (!Enum.IsDefined(requestedHash))
        {
            throw new KeyOperationException(KeyError.HashNotSupported, $"hash_algorithm {(int)requestedHash} is not part of the contract; use SHA256, SHA384 or SHA512.");
        }

        return key.Kind == KeyKind.Ec ? ResolveEcdsa(key, parameters, requestedHash) : ResolveRsa(key, parameters, requestedHash, forVerification);
    }

    private static SignatureAlgorithm ResolveEcdsa(KeyDescription key, SigningParameters parameters, ContractHash requestedHash)
    {
        if (parameters.AlgorithmParamsCase == SigningParameters.AlgorithmParamsOneofCase.RsaParams)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, $"Key '{key.Name}' is an EC key: send ecc_params (or none), not rsa_params.");
        }

        var (name, curveHash) = key.Curve switch
        {
            NamedCurve.P256 => ("ES256", ContractHash.Sha256),
            NamedCurve.P384 => ("ES384", ContractHash.Sha384),
            _ => ("ES512", ContractHash.Sha512),
        };
        if (requestedHash != ContractHash.Unspecified && requestedHash != curveHash)
        {
            throw new KeyOperationException(
                KeyError.HashNotSupported,
                $"Key '{key.Name}' is on curve {Curves.Name(key.Curve)}, which Key Vault signs only with {HashAlgorithms.Name(curveHash)}; {HashAlgorithms.Name(requestedHash)} is not supported with it.");
        }

        return new SignatureAlgorithm(name, HashAlgorithms.ToName(curveHash), curveHash, RSAPaddingScheme.RsaPaddingUnspecified);
    }

    private static SignatureAlgorithm ResolveRsa(KeyDescription key, SigningParameters parameters, ContractHash requestedHash, bool forVerification)
    {
        if (parameters.AlgorithmParamsCase == SigningParameters.AlgorithmParamsOneofCase.EccParams)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, $"Key '{key.Name}' is an RSA key: send rsa_params (or none), not ecc_params.");
        }

        var hash = requestedHash == ContractHash.Unspecified ? ContractHash.Sha256 : requestedHash;
        var rsa = parameters.RsaParams ?? new RSASigningParameters();
        var padding = rsa.PaddingScheme == RSAPaddingScheme.RsaPaddingUnspecified ? RSAPaddingScheme.RsaPaddingPkcs1 : rsa.PaddingScheme;
        var bits = hash switch { ContractHash.Sha256 => "256", ContractHash.Sha384 => "384", _ => "512" };
        switch (padding)
        {
            case RSAPaddingScheme.RsaPaddingPkcs1:
                if (rsa.SaltLength != 0)
                {
                    throw new KeyOperationException(KeyError.PaddingNotSupported, "salt_length applies only to PSS; PKCS#1 v1.5 signatures have no salt.");
                }

                return new SignatureAlgorithm("RS" + bits, HashAlgorithms.ToName(hash), hash, padding);
            case RSAPaddingScheme.RsaPaddingPss:
                var digestLength = HashAlgorithms.DigestLength(HashAlgorithms.ToName(hash));
                if (!forVerification && rsa.SaltLength != 0 && rsa.SaltLength != digestLength)
                {
                    throw new KeyOperationException(
                        KeyError.PaddingNotSupported,
                        $"Key Vault signs PSS only with a salt as long as the digest ({digestLength} bytes for {HashAlgorithms.Name(hash)}); salt_length {rsa.SaltLength} is not supported.");
                }

                return new SignatureAlgorithm("PS" + bits, HashAlgorithms.ToName(hash), hash, padding);
            case RSAPaddingScheme.RsaPaddingOaep:
                throw new KeyOperationException(KeyError.PaddingNotSupported, "OAEP is an encryption padding; sign with PKCS1 or PSS.");
            default:
                throw new KeyOperationException(KeyError.PaddingNotSupported, $"padding_scheme {(int)padding} is not part of the contract; sign with PKCS1 or PSS.");
        }
    }
}
