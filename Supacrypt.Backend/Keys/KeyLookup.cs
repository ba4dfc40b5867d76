using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.Keys;

/// <summary>GetKey: always asks Key Vault, so metadata (enabled, expiry, tags) is current, and refreshes the cache.</summary>
public sealed class KeyLookup(KeyVaultKeyClient client, PublicKeyCache cache)
{
    public async Task<KeyDescription> GetAsync(KeyReference reference, OperationTags tags, CancellationToken cancellationToken)
    {
        var bundle = await client.GetKeyAsync(reference.Name, reference.Version, cancellationToken);
        // What Key Vault just said may differ from what the cache holds (the key changed elsewhere): start afresh.
        cache.Evict(reference.Name);

        return tags.Describe(KeyDescription.From(bundle));
    }
}
