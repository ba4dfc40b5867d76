using System.ComponentModel.DataAnnotations;

namespace Supacrypt.KeyVaultEmulator;

/// <summary>Settings of the <c>Emulator</c> configuration section.</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>Answer requests without a bearer token with Key Vault's 401 challenge (any token is accepted).</summary>
    public bool RequireAuthentication { get; set; } = true;

    /// <summary>When set, keys persist in this directory across restarts; otherwise they live in memory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Secret from which the at-rest encryption key is derived; required with <see cref="DataDirectory"/>.</summary>
    public string? StorageSecret { get; set; }

    /// <summary>Enables the <c>/_emulator/faults</c> admin API used by tests.</summary>
    public bool EnableFaultInjection { get; set; }

    /// <summary>Days a soft-deleted key stays recoverable (Key Vault's default is 90).</summary>
    [Range(7, 90)]
    public int RecoverableDays { get; set; } = 90;

    /// <summary>Purge protection, as on a vault created with it: deleted keys cannot be purged before their retention ends.</summary>
    public bool PurgeProtection { get; set; }

    /// <summary>
    /// How long a purge takes to finish. Key Vault purges asynchronously: the purge call answers at once, but the
    /// name cannot be used again (409 Conflict) until the purge has finished.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan PurgeDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Which Key Vault the emulator plays: a <c>Vault</c> (standard or premium) creates every RSA key with exponent
    /// 65537 and ignores <c>public_exponent</c>; a <c>ManagedHsm</c> honours <c>public_exponent</c> (65537 or 3) and
    /// holds HSM key types only.
    /// </summary>
    public EmulatedVaultKind VaultKind { get; set; } = EmulatedVaultKind.Vault;
}

public enum EmulatedVaultKind
{
    Vault,
    ManagedHsm,
}
