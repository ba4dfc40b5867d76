using System.Security.Cryptography;
using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>The cryptographic operations, after the endpoint has checked key_ops and validity.</summary>
public static class KeyCryptography
{
    public static byte[] Sign(KeyVersionRecord key, string? algorithmName, byte[] digest)
    {
        var algorithm = SignatureAlgorithms.Resolve(algorithmName, key, digest.Length);
        if (algorithm.IsRsa)
        {
            using var rsa = key.Material.RentRsa();
            return rsa.Value.SignHash(digest, algorithm.Hash, algorithm.Padding!);
        }

        // .NET's default ECDSA format is IEEE P1363 (r ‖ s), the JWS format Key Vault uses.
        using var ecdsa = key.Material.RentEcdsa();
        return ecdsa.Value.SignHash(digest);
    }

    public static bool Verify(KeyVersionRecord key, string? algorithmName, byte[] digest, byte[] signature)
    {
        var algorithm = SignatureAlgorithms.Resolve(algorithmName, key, digest.Length);
        if (algorithm.IsRsa)
        {
            using var rsa = key.Material.RentRsa();
            return rsa.Value.VerifyHash(digest, signature, algorithm.Hash, algorithm.Padding!);
        }

        using var ecdsa = key.Material.RentEcdsa();
        return ecdsa.Value.VerifyHash(digest, signature);
    }

    public static byte[] Encrypt(KeyVersionRecord key, string? algorithmName, byte[] plaintext)
    {
        var padding = EncryptionAlgorithms.Resolve(algorithmName, key);
        var limit = EncryptionAlgorithms.MaxPlaintextBytes(padding, key.Material.RsaModulusBytes);
        if (plaintext.Length > limit)
        {
            throw KeyVaultErrors.BadParameter(
                $"The plaintext is {plaintext.Length} bytes; {algorithmName} with this key takes at most {limit} bytes.");
        }

        using var rsa = key.Material.RentRsa();
        return rsa.Value.Encrypt(plaintext, padding);
    }

    public static byte[] Decrypt(KeyVersionRecord key, string? algorithmName, byte[] ciphertext)
    {
        var padding = EncryptionAlgorithms.Resolve(algorithmName, key);
        if (ciphertext.Length != key.Material.RsaModulusBytes)
        {
            throw KeyVaultErrors.BadParameter(
                $"The ciphertext must be {key.Material.RsaModulusBytes} bytes for this key; {ciphertext.Length} bytes were given.");
        }

        try
        {
            using var rsa = key.Material.RentRsa();
            return rsa.Value.Decrypt(ciphertext, padding);
        }
        catch (CryptographicException)
        {
            // Deliberately generic: details about padding failures help padding-oracle attacks.
            throw KeyVaultErrors.BadParameter("The ciphertext could not be decrypted with this key and algorithm.");
        }
    }
}
