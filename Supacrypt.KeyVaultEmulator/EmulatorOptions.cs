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
}
