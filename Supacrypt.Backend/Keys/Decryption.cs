using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.Keys;

public sealed record DecryptionResult(KeyDescription Key, EncryptionAlgorithm Algorithm, byte[] Plaintext);

/// <summary>DecryptData through Key Vault. A failure says only that decryption failed, so it cannot serve as a padding oracle.</summary>
public sealed class Decryption(KeyResolution keys, KeyVaultKeyClient vault)
{
    public async Task<DecryptionResult> DecryptAsync(
        KeyReference reference, byte[] ciphertext, EncryptionRequest request, OperationTags tags, CancellationToken cancellationToken)
    {
        var (cached, algorithm) = await keys.ResolveAsync(reference, request, EncryptionAlgorithm.Resolve, tags, cancellationToken);
        var key = cached.Description;
        keys.EnsureAllowed(key, "decrypt");
        if (ciphertext.Length != key.ModulusBytes)
        {
            throw new KeyOperationException(
                KeyError.InvalidRequest,
                $"ciphertext is {ciphertext.Length} bytes; a ciphertext for a {key.ModulusBits}-bit key is exactly {key.ModulusBytes} bytes.");
        }

        try
        {
            var result = await vault.DecryptAsync(key.Name, key.Version, algorithm.Name, ciphertext, cancellationToken);
            return new DecryptionResult(key, algorithm, result.Value);
        }
        catch (KeyVaultException exception) when (exception.Status == 400)
        {
            throw new KeyOperationException(KeyError.DecryptionFailed, $"The ciphertext could not be decrypted with key '{key.KeyId}' and {algorithm.Name}.");
        }
    }
}
