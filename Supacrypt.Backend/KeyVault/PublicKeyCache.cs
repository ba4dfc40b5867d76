using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.KeyVault.Models;

namespace Supacrypt.Backend.KeyVault;

/// <summary>
/// Key bundles (public material and attributes) by name and version. A pinned version never changes its
/// material, so it is kept for the life of the process; a bare name may move to a new version at any time,
/// so it is trusted only for <see cref="KeyVaultOptions.LatestVersionCacheDuration"/>. Concurrent misses for
/// the same key share one Key Vault call.
/// </summary>
public sealed class PublicKeyCache(KeyVaultKeyClient client, IOptions<KeyVaultOptions> options, TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public async Task<KeyBundle> GetAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var cacheKey = version is null ? name : $"{name}/{version}";
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(cacheKey, out var cached) && (cached.ExpiresAt is null || cached.ExpiresAt > now))
        {
            return await cached.Bundle.WaitAsync(cancellationToken);
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var expiresAt = version is null ? now + options.Value.LatestVersionCacheDuration : (DateTimeOffset?)null;
        var entry = new Entry(FetchAsync(name, version), expiresAt);
        var stored = _entries.AddOrUpdate(cacheKey, entry, (_, existing) => existing.Bundle == cached?.Bundle ? entry : existing);
        try
        {
            return await stored.Bundle.WaitAsync(cancellationToken);
        }
        catch (KeyVaultException)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(cacheKey, stored));
            throw;
        }
    }

    /// <summary>Forgets every version of a key, after it is deleted or changed.</summary>
    public void Evict(string name)
    {
        foreach (var cacheKey in _entries.Keys)
        {
            if (cacheKey.Equals(name, StringComparison.OrdinalIgnoreCase) || cacheKey.StartsWith(name + "/", StringComparison.OrdinalIgnoreCase))
            {
                _entries.TryRemove(cacheKey, out _);
            }
        }
    }

    private async Task<KeyBundle> FetchAsync(string name, string? version)
    {
        // The fetch is shared by every caller waiting on it, so no single caller's cancellation may cancel it.
        var bundle = await client.GetKeyAsync(name, version, CancellationToken.None);
        var resolvedVersion = KeyIdentifier.VersionOf(bundle.Key.Kid);
        if (version is null && resolvedVersion is not null)
        {
            _entries.TryAdd($"{name}/{resolvedVersion}", new Entry(Task.FromResult(bundle), null));
        }

        return bundle;
    }

    private sealed record Entry(Task<KeyBundle> Bundle, DateTimeOffset? ExpiresAt);
}
