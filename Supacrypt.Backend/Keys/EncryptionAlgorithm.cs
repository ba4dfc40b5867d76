using System.Security.Cryptography;

namespace Supacrypt.Backend.Keys;

/// <summary>A Key Vault encryption algorithm (RSA1_5, RSA-OAEP, RSA-OAEP-256) chosen from the caller's parameters.</summary>
public sealed record EncryptionAlgorithm(string Name, RSAEncryptionPadding Padding, RsaPadding Scheme, HashFunction OaepHash) : IKeyAlgorithm
{
    /// <summary>The longest plaintext the padding admits for a modulus of <paramref name="modulusBytes"/> (RFC 8017).</summary>
    public int MaxPlaintextLength(int modulusBytes) => Name switch
    {
        "RSA1_5" => modulusBytes - 11,
        "RSA-OAEP" => modulusBytes - (2 * 20) - 2,
        _ => modulusBytes - (2 * 32) - 2,
    };

    public static EncryptionAlgorithm Resolve(KeyDescription key, EncryptionRequest request)
    {
        if (key.Kind == KeyKind.Ec)
        {
            throw new KeyOperationException(
                KeyError.OperationNotSupported,
                $"Key '{key.Name}' is an EC key; Key Vault cannot encrypt or decrypt with EC keys. Use an RSA key.");
        }

        if (request.Parameters == ParameterFamily.Ec)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, $"Key '{key.Name}' is an RSA key: send rsa_params (or none), not ecc_params.");
        }

        if (request.HasOaepLabel)
        {
            throw new KeyOperationException(KeyError.PaddingNotSupported, "Key Vault supports OAEP only with an empty label; oaep_label must be empty.");
        }

        var padding = request.Padding == RsaPadding.Unspecified ? RsaPadding.Oaep : request.Padding;
        return padding switch
        {
            RsaPadding.Oaep => Oaep(request.OaepHash),
            RsaPadding.Pkcs1 when request.OaepHash == HashFunction.Unspecified =>
                new EncryptionAlgorithm("RSA1_5", RSAEncryptionPadding.Pkcs1, padding, HashFunction.Unspecified),
            RsaPadding.Pkcs1 =>
                throw new KeyOperationException(KeyError.InvalidRequest, "oaep_hash applies only to OAEP; leave it unset for PKCS#1 v1.5 encryption."),
            RsaPadding.Pss =>
                throw new KeyOperationException(KeyError.PaddingNotSupported, "PSS is a signature padding; encrypt with OAEP or PKCS1."),
            _ => throw new KeyOperationException(KeyError.PaddingNotSupported, $"padding_scheme {(int)padding} is not part of the contract; encrypt with OAEP or PKCS1."),
        };
    }

    private static EncryptionAlgorithm Oaep(HashFunction hash) => hash switch
    {
        // RFC 8017's OAEP default is SHA-1; the contract has no SHA-1 value, so unset is how a client asks for it.
        HashFunction.Unspecified => new EncryptionAlgorithm("RSA-OAEP", RSAEncryptionPadding.OaepSHA1, RsaPadding.Oaep, hash),
        HashFunction.Sha256 => new EncryptionAlgorithm("RSA-OAEP-256", RSAEncryptionPadding.OaepSHA256, RsaPadding.Oaep, hash),
        HashFunction.Sha384 or HashFunction.Sha512 => throw new KeyOperationException(
            KeyError.PaddingNotSupported,
            $"Key Vault decrypts OAEP only with SHA-1 (oaep_hash unset) or SHA-256; OAEP with {HashAlgorithms.Name(hash)} is not supported."),
        _ => throw new KeyOperationException(KeyError.HashNotSupported, $"oaep_hash {(int)hash} is not part of the contract; use SHA256, or leave it unset for SHA-1."),
    };
}
