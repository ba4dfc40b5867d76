namespace Supacrypt.Backend.KeyVault;

/// <summary>How the backend reaches Key Vault: bound from the <c>KeyVault</c> section.</summary>
public sealed class KeyVaultOptions
{
    public const string SectionName = "KeyVault";

    /// <summary>The vault URI; <c>ConnectionStrings:keyvault</c> (what Aspire injects) takes precedence.</summary>
    public Uri? VaultUri { get; set; }

    public KeyVaultCredentialKind Credential { get; set; } = KeyVaultCredentialKind.Default;

    public string? ManagedIdentityClientId { get; set; }

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public KeyVaultKeyType KeyType { get; set; } = KeyVaultKeyType.Software;

    /// <summary>The REST api-version the client speaks; 7.5 is the oldest the backend supports.</summary>
    public string ApiVersion { get; set; } = "7.5";

    /// <summary>Retries for throttling (429, honouring Retry-After) and transient 5xx answers.</summary>
    public int MaxRetries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Consecutive failed Key Vault calls (after retries) that open the circuit breaker.</summary>
    public int CircuitBreakerFailures { get; set; } = 5;

    /// <summary>How long an open circuit breaker fails calls at once before letting one through again.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a versionless name resolves to the same key version before Key Vault is asked again.</summary>
    public TimeSpan LatestVersionCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long DeleteKey with <c>force</c> waits for a soft delete to finish before purging.</summary>
    public TimeSpan PurgeWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public enum KeyVaultCredentialKind
{
    Default,
    ManagedIdentity,
    WorkloadIdentity,
    AzureCli,
    ClientSecret,
    None,
}

public enum KeyVaultKeyType
{
    Software,
    Hsm,
}
