using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.KeyVault;

/// <summary>
/// Keys by name (latest version) and by name and version. What a key may do (enabled, nbf/exp, key_ops) can change
/// in Key Vault at any moment, so every entry is trusted for at most <see cref="KeyVaultOptions.LatestVersionCacheDuration"/>,
/// counted from when its Key Vault call was sent; writes through this replica call <see cref="Evict"/> at once. A
/// version's public key never changes, so its built <see cref="SharedPublicKey"/> is kept and reused by every
/// later entry for that version. Concurrent misses share one Key Vault call, and a call that failed, was
/// cancelled or timed out is never remembered. A fetch that was under way when <see cref="Evict"/> ran answers its
/// own waiters but stores nothing: what it read may predate the write that caused the eviction.
/// </summary>
public sealed class PublicKeyCache(KeyVaultKeyClient client, IOptions<KeyVaultOptions> options, TimeProvider time, BackendTelemetry? telemetry = null)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SharedPublicKey> _publicKeys = new(StringComparer.OrdinalIgnoreCase);

    // Counts evictions of any key: a fetch stores what it read only when none happened since it was sent. One counter
    // for all names costs at most a skipped store after an unrelated eviction, and never grows.
    private long _evictions;

    public async Task<CachedKey> GetAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var cacheKey = version is null ? name : $"{name}/{version}";
        var entry = Claim(cacheKey, name, version);
        try
        {
            return await entry.Key.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Key.Value is { IsCompleted: true, IsCompletedSuccessfully: false })
        {
            // Faulted or cancelled (Azure.Core reports its network timeout as a cancellation): forget it, so the
            // next caller asks Key Vault again. A caller that merely stopped waiting leaves the fetch to the others.
            _entries.TryRemove(new KeyValuePair<string, Entry>(cacheKey, entry));
            throw;
        }
    }

    /// <summary>Forgets every version of a key, after this replica deleted, created or re-read it.</summary>
    public void Evict(string name)
    {
        // Counted before anything is removed, so a fetch that starts after this line reads the vault after the write.
        Interlocked.Increment(ref _evictions);
        foreach (var cacheKey in _entries.Keys)
        {
            if (IsKeyOf(cacheKey, name))
            {
                _entries.TryRemove(cacheKey, out _);
            }
        }

        foreach (var cacheKey in _publicKeys.Keys)
        {
            if (IsKeyOf(cacheKey, name))
            {
                _publicKeys.TryRemove(cacheKey, out _);
            }
        }
    }

    private static bool IsKeyOf(string cacheKey, string name) =>
        cacheKey.Equals(name, StringComparison.OrdinalIgnoreCase) || cacheKey.StartsWith(name + "/", StringComparison.OrdinalIgnoreCase);

    // Returns the live entry for the key, installing a new one when there is none or it expired. The fetch is lazy,
    // so only the caller whose entry is installed starts it; racing callers adopt the installed entry.
    private Entry Claim(string cacheKey, string name, string? version)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            _entries.TryGetValue(cacheKey, out var current);
            if (current is not null && current.ExpiresAt > now)
            {
                telemetry?.RecordCacheLookup(current.Key.IsValueCreated && current.Key.Value.IsCompleted ? CacheLookup.Hit : CacheLookup.Coalesced);
                return current;
            }

            if (current is null && _entries.Count >= MaxEntries)
            {
                _entries.Clear();
                _publicKeys.Clear();
            }

            var expiresAt = now + options.Value.LatestVersionCacheDuration;
            var fresh = new Entry(new Lazy<Task<CachedKey>>(() => FetchAsync(name, version, expiresAt)), expiresAt);
            var installed = current is null ? _entries.TryAdd(cacheKey, fresh) : _entries.TryUpdate(cacheKey, fresh, current);
            if (installed)
            {
                telemetry?.RecordCacheLookup(CacheLookup.Miss);
                return fresh;
            }
        }
    }

    private async Task<CachedKey> FetchAsync(string name, string? version, DateTimeOffset expiresAt)
    {
        var evictions = Interlocked.Read(ref _evictions);

        // The fetch is shared by every caller waiting on it, so no single caller's cancellation may cancel it.
        var bundle = await client.GetKeyAsync(name, version, CancellationToken.None);
        var description = KeyDescription.From(bundle);
        var pinnedKey = $"{name}/{description.Version}";
        if (Interlocked.Read(ref _evictions) != evictions)
        {
            return new CachedKey(description, new SharedPublicKey(description));
        }

        var publicKey = _publicKeys.TryGetValue(pinnedKey, out var built) ? built : _publicKeys.GetOrAdd(pinnedKey, new SharedPublicKey(description));
        var key = new CachedKey(description, publicKey);
        if (version is null)
        {
            // The answer for the latest version is as fresh for that version by its own name.
            _entries[pinnedKey] = new Entry(new Lazy<Task<CachedKey>>(Task.FromResult(key)), expiresAt);
        }

        return key;
    }

    private sealed record Entry(Lazy<Task<CachedKey>> Key, DateTimeOffset ExpiresAt);
}
