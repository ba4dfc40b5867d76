using System.Security.Cryptography;
using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>The RSA encryption and key-wrap algorithms of Key Vault.</summary>
public static class EncryptionAlgorithms
{
    public static RSAEncryptionPadding Resolve(string? name, KeyVersionRecord key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var padding = name switch
        {
            "RSA1_5" => RSAEncryptionPadding.Pkcs1,
            "RSA-OAEP" => RSAEncryptionPadding.OaepSHA1,
            "RSA-OAEP-256" => RSAEncryptionPadding.OaepSHA256,
            _ => throw KeyVaultErrors.BadParameter(
                $"The encryption algorithm '{name}' is not supported; use RSA1_5, RSA-OAEP or RSA-OAEP-256."),
        };
        if (!key.Material.IsRsa)
        {
            throw KeyVaultErrors.BadParameter($"The algorithm {name} cannot be used with a key of type {key.Kty}.");
        }

        return padding;
    }

    /// <summary>Largest plaintext the padding allows for a modulus of <paramref name="modulusBytes"/>.</summary>
    public static int MaxPlaintextBytes(RSAEncryptionPadding padding, int modulusBytes)
    {
        ArgumentNullException.ThrowIfNull(padding);
        return padding.Mode == RSAEncryptionPaddingMode.Pkcs1
            ? modulusBytes - 11
            : modulusBytes - (2 * (padding.OaepHashAlgorithm == HashAlgorithmName.SHA256 ? 32 : 20)) - 2;
    }
}
