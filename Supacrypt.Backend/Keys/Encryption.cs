using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.Keys;

public sealed record EncryptionResult(KeyDescription Key, EncryptionAlgorithm Algorithm, byte[] Ciphertext);

/// <summary>EncryptData through the local provider, with the public key: only the private half needs Key Vault.</summary>
public sealed class Encryption(KeyResolution keys)
{
    public async Task<EncryptionResult> EncryptAsync(
        KeyReference reference, byte[] plaintext, EncryptionRequest request, OperationTags tags, CancellationToken cancellationToken)
    {
        var (cached, algorithm) = await keys.ResolveAsync(reference, request, EncryptionAlgorithm.Resolve, tags, cancellationToken);
        var key = cached.Description;
        keys.EnsureAllowed(key, "encrypt");
        var maximum = algorithm.MaxPlaintextLength(key.ModulusBytes);
        if (plaintext.Length > maximum)
        {
            throw new KeyOperationException(
                KeyError.InvalidRequest,
                $"plaintext is {plaintext.Length} bytes; {algorithm.Name} with a {key.ModulusBits}-bit key encrypts at most {maximum} bytes.");
        }

        return new EncryptionResult(key, algorithm, LocalCryptography.Encrypt(cached, algorithm, plaintext));
    }
}
