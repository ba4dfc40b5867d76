using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.Keys;

public sealed record SignatureResult(KeyDescription Key, SignatureAlgorithm Algorithm, byte[] Signature);

/// <summary>SignData: the backend hashes (unless the client did), and Key Vault, the remote provider, signs only the digest.</summary>
public sealed class Signing(KeyResolution keys, KeyVaultKeyClient vault)
{
    public async Task<SignatureResult> SignAsync(
        KeyReference reference, byte[] data, bool isPrehashed, SigningRequest request, OperationTags tags, CancellationToken cancellationToken)
    {
        var (cached, algorithm) = await keys.ResolveAsync(reference, request, SignatureAlgorithm.ForSigning, tags, cancellationToken);
        var digest = HashAlgorithms.Digest(algorithm.Hash, data, isPrehashed);
        keys.EnsureAllowed(cached.Description, "sign");
        var result = await vault.SignAsync(cached.Description.Name, cached.Description.Version, algorithm.Name, digest, cancellationToken);
        return new SignatureResult(cached.Description, algorithm, result.Value);
    }
}
