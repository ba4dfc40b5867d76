namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>One version of a key: immutable material plus the attributes an update may replace.</summary>
public sealed record KeyVersionRecord(
    string Version,
    string Kty,
    KeyMaterial Material,
    IReadOnlyList<string> KeyOps,
    bool Enabled,
    long? NotBefore,
    long? Expires,
    long Created,
    long Updated,
    IReadOnlyDictionary<string, string>? Tags);

/// <summary>When a key was soft-deleted and when it will be purged; Unix seconds.</summary>
public sealed record DeletionInfo(long DeletedDate, long ScheduledPurgeDate);

/// <summary>A key name with all its versions in creation order; the last is the current version.</summary>
public sealed record KeyRecord(string Name, IReadOnlyList<KeyVersionRecord> Versions, DeletionInfo? Deletion)
{
    public KeyVersionRecord Latest => Versions[^1];
}

/// <summary>A key version with the name it is stored under (names compare case-insensitively).</summary>
public sealed record NamedKeyVersion(string Name, KeyVersionRecord Key);
