using System.Security.Cryptography;
using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>A JWS signature algorithm: the digest it signs, its padding (RSA) or curve (ECDSA).</summary>
public sealed record SignatureAlgorithm(string Name, int DigestBytes, HashAlgorithmName Hash, RSASignaturePadding? Padding, string? Curve)
{
    public bool IsRsa => Padding is not null;
}

public static class SignatureAlgorithms
{
    private static readonly SignatureAlgorithm[] All =
    [
        new("RS256", 32, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, null),
        new("RS384", 48, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1, null),
        new("RS512", 64, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1, null),
        // .NET's PSS uses a salt as long as the digest, which is what Key Vault does.
        new("PS256", 32, HashAlgorithmName.SHA256, RSASignaturePadding.Pss, null),
        new("PS384", 48, HashAlgorithmName.SHA384, RSASignaturePadding.Pss, null),
        new("PS512", 64, HashAlgorithmName.SHA512, RSASignaturePadding.Pss, null),
        new("ES256", 32, HashAlgorithmName.SHA256, null, EcCurves.P256),
        new("ES256K", 32, HashAlgorithmName.SHA256, null, EcCurves.P256K),
        new("ES384", 48, HashAlgorithmName.SHA384, null, EcCurves.P384),
        new("ES512", 64, HashAlgorithmName.SHA512, null, EcCurves.P521),
    ];

    /// <summary>The algorithm, checked against the key it is used with and the digest it is given.</summary>
    public static SignatureAlgorithm Resolve(string? name, KeyVersionRecord key, int digestLength)
    {
        ArgumentNullException.ThrowIfNull(key);
        var algorithm = All.FirstOrDefault(a => a.Name == name) ?? throw KeyVaultErrors.BadParameter(
            $"The signature algorithm '{name}' is not supported; use one of {string.Join(", ", All.Select(a => a.Name))}.");
        if (algorithm.IsRsa != key.Material.IsRsa)
        {
            throw KeyVaultErrors.BadParameter($"The algorithm {algorithm.Name} cannot be used with a key of type {key.Kty}.");
        }

        if (!algorithm.IsRsa && algorithm.Curve != key.Material.CurveName)
        {
            throw KeyVaultErrors.BadParameter(
                $"The algorithm {algorithm.Name} requires curve {algorithm.Curve}, but the key uses {key.Material.CurveName}.");
        }

        if (digestLength != algorithm.DigestBytes)
        {
            throw KeyVaultErrors.BadParameter(
                $"The digest for {algorithm.Name} must be {algorithm.DigestBytes} bytes ({algorithm.Hash.Name}); {digestLength} bytes were given.");
        }

        return algorithm;
    }
}
