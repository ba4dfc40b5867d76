using System.Security.Cryptography;

namespace Supacrypt.Backend.Keys;

/// <summary>The hash a caller names in .NET terms, and the digests the backend computes so Key Vault sees only them.</summary>
public static class HashAlgorithms
{
    public static HashAlgorithmName ToName(HashFunction hash) => hash switch
    {
        HashFunction.Sha256 => HashAlgorithmName.SHA256,
        HashFunction.Sha384 => HashAlgorithmName.SHA384,
        HashFunction.Sha512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(hash), hash, "Not a concrete hash."),
    };

    public static string Name(HashFunction hash) => hash switch
    {
        HashFunction.Sha256 => "SHA-256",
        HashFunction.Sha384 => "SHA-384",
        HashFunction.Sha512 => "SHA-512",
        _ => $"hash {(int)hash}",
    };

    public static int DigestLength(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA256 ? 32 : hash == HashAlgorithmName.SHA384 ? 48 : hash == HashAlgorithmName.SHA512 ? 64 : 20;

    /// <summary>Hashes <paramref name="data"/>, or checks that a prehashed digest has exactly the hash's length.</summary>
    public static byte[] Digest(HashAlgorithmName hash, byte[] data, bool isPrehashed)
    {
        if (isPrehashed)
        {
            var expected = DigestLength(hash);
            return data.Length == expected
                ? data
                : throw new KeyOperationException(
                    KeyError.InvalidRequest,
                    $"is_prehashed is set, so data must be a {hash.Name} digest of {expected} bytes; it has {data.Length} bytes.");
        }

        return CryptographicOperations.HashData(hash, data);
    }
}
