using System.Security.Cryptography;
using System.Text;

namespace Supacrypt.KeyVaultEmulator.Persistence;

/// <summary>
/// AES-256-GCM under a key derived with HKDF-SHA256 from the configured storage secret and a per-file salt.
/// Each blob is nonce ‖ ciphertext ‖ tag; the associated data binds it to its place in the document.
/// </summary>
public sealed class StorageCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("Supacrypt.KeyVaultEmulator storage v1");
    private readonly byte[] _key;

    public StorageCipher(string secret, byte[] salt)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt, Info);
    }

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, string associatedData)
    {
        var blob = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(NonceSize, plaintext.Length), blob.AsSpan(NonceSize + plaintext.Length),
            Encoding.UTF8.GetBytes(associatedData));
        return blob;
    }

    /// <summary>Throws <see cref="AuthenticationTagMismatchException"/> when the secret is wrong or the blob was altered.</summary>
    public byte[] Decrypt(ReadOnlySpan<byte> blob, string associatedData)
    {
        if (blob.Length < NonceSize + TagSize)
        {
            throw new AuthenticationTagMismatchException("The encrypted blob is truncated.");
        }

        var plaintext = new byte[blob.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(blob[..NonceSize], blob.Slice(NonceSize, plaintext.Length), blob[^TagSize..], plaintext,
            Encoding.UTF8.GetBytes(associatedData));
        return plaintext;
    }
}
