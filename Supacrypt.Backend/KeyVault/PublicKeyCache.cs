using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.KeyVault.Models;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.KeyVault;

/// <summary>
/// Key bundles (public material and attributes) by name and version. A pinned version never changes its
/// material, so it is kept for the life of the process; a bare name may move to a new version at any time,
/// so it is trusted only for <see cref="KeyVaultOptions.LatestVersionCacheDuration"/>. Concurrent misses for
/// the same key share one Key Vault call, and a failed call is never remembered.
/// </summary>
public sealed class PublicKeyCache(KeyVaultKeyClient client, IOptions<KeyVaultOptions> options, TimeProvider time, BackendTelemetry? telemetry = null)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public async Task<KeyBundle> GetAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var cacheKey = version is null ? name : $"{name}/{version}";
        var entry = Claim(cacheKey, name, version);
        try
        {
            return await entry.Bundle.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Bundle.Value.IsFaulted)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(cacheKey, entry));
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

    // Returns the live entry for the key, installing a new one when there is none or it expired. The fetch is lazy,
    // so only the caller whose entry is installed starts it; racing callers adopt the installed entry.
    private Entry Claim(string cacheKey, string name, string? version)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            _entries.TryGetValue(cacheKey, out var current);
            if (current is not null && (current.ExpiresAt is null || current.ExpiresAt > now))
            {
                telemetry?.RecordCacheLookup(current.Bundle.IsValueCreated && current.Bundle.Value.IsCompleted ? CacheLookup.Hit : CacheLookup.Coalesced);
                return current;
            }

            if (current is null && _entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            var expiresAt = version is null ? now + options.Value.LatestVersionCacheDuration : (DateTimeOffset?)null;
            var fresh = new Entry(new Lazy<Task<KeyBundle>>(() => FetchAsync(name, version)), expiresAt);
            var installed = current is null ? _entries.TryAdd(cacheKey, fresh) : _entries.TryUpdate(cacheKey, fresh, current);
            if (installed)
            {
                telemetry?.RecordCacheLookup(CacheLookup.Miss);
                return fresh;
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
            var pinned = new Entry(new Lazy<Task<KeyBundle>>(Task.FromResult(bundle)), null);
            _entries.TryAdd($"{name}/{resolvedVersion}", pinned);
        }

        return bundle;
    }

    private sealed record Entry(Lazy<Task<KeyBundle>> Bundle, DateTimeOffset? ExpiresAt);
}
