using Supacrypt.Backend.KeyVault;
using Supacrypt.V1;

namespace Supacrypt.Backend.Keys;

public sealed record SignatureResult(KeyDescription Key, SignatureAlgorithm Algorithm, byte[] Signature);

/// <summary>SignData: the backend hashes (unless the client did), and Key Vault signs only the digest.</summary>
public sealed class Signing(PublicKeyCache cache, KeyVaultKeyClient client, TimeProvider time)
{
    public async Task<SignatureResult> SignAsync(KeyReference reference, byte[] data, bool isPrehashed, SigningParameters? parameters, CancellationToken cancellationToken)
    {
        var cached = await cache.GetAsync(reference.Name, reference.Version, cancellationToken);
        var key = cached.Description;
        var algorithm = SignatureAlgorithm.Resolve(key, parameters, forVerification: false);
        var digest = HashAlgorithms.Digest(algorithm.Hash, data, isPrehashed);
        KeyUsage.EnsureAllowed(key, "sign", time.GetUtcNow());
        var result = await client.SignAsync(key.Name, key.Version, algorithm.Name, digest, cancellationToken);
        return new SignatureResult(key, algorithm, result.Value);
    }
}
