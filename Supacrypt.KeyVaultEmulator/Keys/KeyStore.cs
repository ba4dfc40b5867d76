using Microsoft.Extensions.Options;
using Supacrypt.KeyVaultEmulator.Api;
using Supacrypt.KeyVaultEmulator.Persistence;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>
/// All keys, active and soft-deleted. Reads and writes of the map happen under one lock; writes are also
/// serialized by a semaphore so that the persisted document always reflects the latest state in order.
/// </summary>
public sealed class KeyStore(IKeyPersistence persistence, TimeProvider time, IOptions<EmulatorOptions> options) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Dictionary<string, KeyRecord> _keys = new(StringComparer.OrdinalIgnoreCase);

    // Names whose purge is still running, and until when: Key Vault purges asynchronously. Not persisted: a purge
    // that outlives a restart has finished.
    private readonly Dictionary<string, DateTimeOffset> _purging = new(StringComparer.OrdinalIgnoreCase);

    public void Dispose() => _writeGate.Dispose();

    public long Now => time.GetUtcNow().ToUnixTimeSeconds();

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var records = await persistence.LoadAsync(cancellationToken);
        lock (_gate)
        {
            _keys.Clear();
            foreach (var record in records)
            {
                _keys[record.Name] = record;
            }
        }
    }

    /// <summary>Adds a new version (creating the key if needed). A soft-deleted name cannot be reused.</summary>
    public Task<NamedKeyVersion> AddVersionAsync(string name, KeyVersionRecord version, CancellationToken cancellationToken) =>
        MutateAsync(() =>
        {
            var existing = Find(name);
            if (existing?.Deletion is not null)
            {
                throw KeyVaultErrors.DeletedButRecoverable(name);
            }

            if (_purging.TryGetValue(name, out var purgedAt) && time.GetUtcNow() < purgedAt)
            {
                throw KeyVaultErrors.BeingPurged(name);
            }

            var versions = existing?.Versions ?? [];
            var canonical = existing?.Name ?? name;
            _keys[canonical] = new KeyRecord(canonical, [.. versions, version], null);
            return new NamedKeyVersion(canonical, version);
        }, cancellationToken);

    /// <summary>A version of an active key; <paramref name="version"/> null or empty means the current one.</summary>
    public NamedKeyVersion Get(string name, string? version)
    {
        lock (_gate)
        {
            var record = FindActive(name);
            return new NamedKeyVersion(record.Name, Resolve(record, version));
        }
    }

    public Task<NamedKeyVersion> UpdateAsync(
        string name, string? version, Func<KeyVersionRecord, KeyVersionRecord> change, CancellationToken cancellationToken) =>
        MutateAsync(() =>
        {
            var record = FindActive(name);
            var current = Resolve(record, version);
            var updated = change(current);
            _keys[record.Name] = record with
            {
                Versions = [.. record.Versions.Select(v => ReferenceEquals(v, current) ? updated : v)],
            };
            return new NamedKeyVersion(record.Name, updated);
        }, cancellationToken);

    public IReadOnlyList<KeyRecord> ListActive()
    {
        lock (_gate)
        {
            PurgeExpired();
            return [.. _keys.Values.Where(k => k.Deletion is null).OrderBy(k => k.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    public IReadOnlyList<KeyRecord> ListDeleted()
    {
        lock (_gate)
        {
            PurgeExpired();
            return [.. _keys.Values.Where(k => k.Deletion is not null).OrderBy(k => k.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    public KeyRecord GetRecord(string name)
    {
        lock (_gate)
        {
            return FindActive(name);
        }
    }

    public KeyRecord GetDeleted(string name)
    {
        lock (_gate)
        {
            return FindDeleted(name);
        }
    }

    public Task<KeyRecord> DeleteAsync(string name, CancellationToken cancellationToken) =>
        MutateAsync(() =>
        {
            var record = FindActive(name);
            var now = Now;
            var deleted = record with { Deletion = new DeletionInfo(now, now + (options.Value.RecoverableDays * 86400L)) };
            _keys[record.Name] = deleted;
            return deleted;
        }, cancellationToken);

    public Task<KeyRecord> RecoverAsync(string name, CancellationToken cancellationToken) =>
        MutateAsync(() =>
        {
            var recovered = FindDeleted(name) with { Deletion = null };
            _keys[recovered.Name] = recovered;
            return recovered;
        }, cancellationToken);

    /// <summary>Purges a deleted key; its name stays unusable for <see cref="EmulatorOptions.PurgeDuration"/>, as in Key Vault.</summary>
    public Task<KeyRecord> PurgeAsync(string name, CancellationToken cancellationToken) =>
        MutateAsync(() =>
        {
            var record = FindDeleted(name);
            if (options.Value.PurgeProtection)
            {
                throw KeyVaultErrors.PurgeProtected(record.Name);
            }

            _keys.Remove(record.Name);
            _purging[record.Name] = time.GetUtcNow() + options.Value.PurgeDuration;
            return record;
        }, cancellationToken);

    private async Task<T> MutateAsync<T>(Func<T> change, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            T result;
            Dictionary<string, KeyRecord> before;
            Dictionary<string, DateTimeOffset> purgingBefore;
            IReadOnlyList<KeyRecord> snapshot;
            lock (_gate)
            {
                PurgeExpired();
                before = new Dictionary<string, KeyRecord>(_keys, _keys.Comparer);
                purgingBefore = new Dictionary<string, DateTimeOffset>(_purging, _purging.Comparer);
                result = change();
                snapshot = [.. _keys.Values];
            }

            try
            {
                // Not cancellable: once the change is in memory the document must follow it.
                await persistence.SaveAsync(snapshot, CancellationToken.None);
            }
            catch
            {
                // A change that could not be stored did not happen: the caller sees the failure, nothing else changes.
                lock (_gate)
                {
                    _keys.Clear();
                    foreach (var (name, record) in before)
                    {
                        _keys[name] = record;
                    }

                    _purging.Clear();
                    foreach (var (name, until) in purgingBefore)
                    {
                        _purging[name] = until;
                    }
                }

                throw;
            }

            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    // A soft-deleted key past its purge date is gone even before PurgeExpired removes it on the next write or list.
    private KeyRecord? Find(string name) =>
        _keys.GetValueOrDefault(name) is { } record && !(record.Deletion?.ScheduledPurgeDate <= Now) ? record : null;

    private KeyRecord FindActive(string name) =>
        Find(name) is { Deletion: null } record ? record : throw KeyVaultErrors.KeyNotFound(name);

    private KeyRecord FindDeleted(string name) =>
        Find(name) is { Deletion: not null } record ? record : throw KeyVaultErrors.DeletedKeyNotFound(name);

    private static KeyVersionRecord Resolve(KeyRecord record, string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return record.Latest;
        }

        return record.Versions.FirstOrDefault(v => v.Version == version)
            ?? throw KeyVaultErrors.KeyNotFound($"{record.Name}/{version}");
    }

    /// <summary>Soft-deleted keys past their scheduled purge date disappear, as in Key Vault, and finished purges free their names.</summary>
    private void PurgeExpired()
    {
        var now = Now;
        foreach (var expired in _keys.Values.Where(k => k.Deletion?.ScheduledPurgeDate <= now).ToList())
        {
            _keys.Remove(expired.Name);
        }

        var instant = time.GetUtcNow();
        foreach (var finished in _purging.Where(purge => purge.Value <= instant).Select(purge => purge.Key).ToList())
        {
            _purging.Remove(finished);
        }
    }
}
