using Supacrypt.Backend.KeyVault;
using Supacrypt.V1;

namespace Supacrypt.Backend.Keys;

public sealed record EncryptionResult(KeyDescription Key, EncryptionAlgorithm Algorithm, byte[] Ciphertext);

/// <summary>EncryptData, performed locally with the public key: only the private half needs Key Vault.</summary>
public sealed class Encryption(PublicKeyCache cache, TimeProvider time)
{
    public async Task<EncryptionResult> EncryptAsync(KeyReference reference, byte[] plaintext, EncryptionParameters? parameters, CancellationToken cancellationToken)
    {
        var cached = await cache.GetAsync(reference.Name, reference.Version, cancellationToken);
        var key = cached.Description;
        var algorithm = EncryptionAlgorithm.Resolve(key, parameters);
        KeyUsage.EnsureAllowed(key, "encrypt", time.GetUtcNow());
        var maximum = algorithm.MaxPlaintextLength(key.ModulusBytes);
        if (plaintext.Length > maximum)
        {
            throw new KeyOperationException(
                ErrorCode.InvalidRequest,
                $"plaintext is {plaintext.Length} bytes; {algorithm.Name} with a {key.ModulusBits}-bit key encrypts at most {maximum} bytes.");
        }

        return new EncryptionResult(key, algorithm, cached.PublicKey.UseRsa(rsa => rsa.Encrypt(plaintext, algorithm.Padding)));
    }
}
