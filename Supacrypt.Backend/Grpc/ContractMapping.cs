using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.KeyVault.Models;
using Supacrypt.Backend.Keys;
using Supacrypt.V1;

namespace Supacrypt.Backend.Grpc;

/// <summary>Domain results and values as supacrypt.v1 messages.</summary>
internal static class ContractMapping
{
    public static KeyMetadata ToMetadata(KeyDescription key, KeyFamily? algorithm = null)
    {
        var metadata = new KeyMetadata
        {
            KeyId = key.KeyId,
            Name = key.Name,
            Algorithm = ToContract(algorithm ?? AlgorithmOf(key)),
            Parameters = ToParameters(key),
            Enabled = key.Bundle.Attributes.Enabled != false,
            CreatedAt = ToTimestamp(key.Bundle.Attributes.Created),
            UpdatedAt = ToTimestamp(key.Bundle.Attributes.Updated),
        };
        AddTagsAndOperations(metadata, key.Bundle.Tags, key.Bundle.Key.KeyOps);
        return metadata;
    }

    /// <summary>Key Vault lists names and attributes only: algorithm and parameters come from GetKey.</summary>
    public static KeyMetadata ToMetadata(KeyItem item)
    {
        var name = KeyIdentifier.NameOf(item.Kid) ?? "";
        var metadata = new KeyMetadata
        {
            KeyId = name,
            Name = name,
            Enabled = item.Attributes.Enabled != false,
            CreatedAt = ToTimestamp(item.Attributes.Created),
            UpdatedAt = ToTimestamp(item.Attributes.Updated),
        };
        AddTagsAndOperations(metadata, item.Tags, null);
        return metadata;
    }

    public static PublicKey ToPublicKey(KeyDescription key, KeyFamily? algorithm = null) => new()
    {
        Algorithm = ToContract(algorithm ?? AlgorithmOf(key)),
        KeyData = ByteString.CopyFrom(PublicKeyEncoding.ToSubjectPublicKeyInfo(key)),
        Parameters = ToParameters(key),
    };

    public static SigningParameters ToContract(SignatureAlgorithm algorithm, uint saltLength)
    {
        var parameters = new SigningParameters { HashAlgorithm = ToContract(algorithm.HashFunction) };
        if (algorithm.IsEcdsa)
        {
            parameters.EccParams = new ECCSigningParameters();
        }
        else
        {
            parameters.RsaParams = new RSASigningParameters { PaddingScheme = ToContract(algorithm.Padding), SaltLength = saltLength };
        }

        return parameters;
    }

    public static EncryptionParameters ToContract(EncryptionAlgorithm algorithm) => new()
    {
        RsaParams = new RSAEncryptionParameters { PaddingScheme = ToContract(algorithm.Scheme), OaepHash = ToContract(algorithm.OaepHash) },
    };

    public static HashAlgorithm ToContract(HashFunction hash) => hash switch
    {
        HashFunction.Sha256 => HashAlgorithm.Sha256,
        HashFunction.Sha384 => HashAlgorithm.Sha384,
        HashFunction.Sha512 => HashAlgorithm.Sha512,
        _ => HashAlgorithm.Unspecified,
    };

    public static ECCCurve ToContract(NamedCurve curve) => curve switch
    {
        NamedCurve.P256 => ECCCurve.P256,
        NamedCurve.P384 => ECCCurve.P384,
        NamedCurve.P521 => ECCCurve.P521,
        _ => ECCCurve.Unspecified,
    };

    public static RSAPaddingScheme ToContract(RsaPadding padding) => padding switch
    {
        RsaPadding.Pkcs1 => RSAPaddingScheme.RsaPaddingPkcs1,
        RsaPadding.Pss => RSAPaddingScheme.RsaPaddingPss,
        RsaPadding.Oaep => RSAPaddingScheme.RsaPaddingOaep,
        _ => RSAPaddingScheme.RsaPaddingUnspecified,
    };

    public static Timestamp ToTimestamp(DateTimeOffset value) => Timestamp.FromDateTimeOffset(value);

    // Key Vault records only "EC", so a key created as ECDSA reads back as ECC; GenerateKey echoes what was asked.
    private static KeyFamily AlgorithmOf(KeyDescription key) => key.Kind == KeyKind.Rsa ? KeyFamily.Rsa : KeyFamily.Ecc;

    private static KeyAlgorithm ToContract(KeyFamily family) => family switch
    {
        KeyFamily.Rsa => KeyAlgorithm.Rsa,
        KeyFamily.Ecc => KeyAlgorithm.Ecc,
        KeyFamily.Ecdsa => KeyAlgorithm.Ecdsa,
        _ => KeyAlgorithm.Unspecified,
    };

    private static KeyParameters ToParameters(KeyDescription key) => key.Kind == KeyKind.Rsa
        ? new KeyParameters { RsaParams = new V1.RSAParameters { KeySize = (RSAKeySize)key.ModulusBits, PublicExponent = (uint)key.PublicExponent } }
        : new KeyParameters { EccParams = new ECCParameters { Curve = ToContract(key.Curve) } };

    private static Timestamp? ToTimestamp(long? unixSeconds) =>
        unixSeconds is { } seconds ? Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(seconds)) : null;

    private static void AddTagsAndOperations(KeyMetadata metadata, IReadOnlyDictionary<string, string>? tags, IReadOnlyList<string>? operations)
    {
        foreach (var (name, value) in tags ?? new Dictionary<string, string>())
        {
            metadata.Tags[name] = value;
        }

        if (operations is not null)
        {
            metadata.Operations.Add(operations);
        }
    }
}
