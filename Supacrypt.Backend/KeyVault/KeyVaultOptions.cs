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

    /// <summary>
    /// What the vault is: a standard or premium <c>Vault</c> creates RSA keys with exponent 65537 whatever
    /// <c>public_exponent</c> says; a <c>ManagedHsm</c> honours it and holds HSM keys only.
    /// </summary>
    public KeyVaultKind VaultKind { get; set; } = KeyVaultKind.Vault;

    /// <summary>The REST api-version the client speaks; 7.5 is the oldest the backend supports.</summary>
    public string ApiVersion { get; set; } = "7.5";

    /// <summary>Retries for throttling (429, honouring Retry-After) and transient 5xx answers.</summary>
    public int MaxRetries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Time allowed for one attempt (one request and its answer); each retry gets it afresh.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait between retries when Key Vault names none; the exponential backoff (with jitter) stops growing here.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Longest Retry-After the backend waits out itself; an answer asking for more goes straight back to the caller as
    /// RESOURCE_EXHAUSTED with <c>retry-after-ms</c>, so no call is held open for a long throttling window.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests in flight to Key Vault at once; more wait in arrival order.</summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>Requests that may wait for one of <see cref="MaxConcurrentRequests"/>; beyond that calls are refused as throttled.</summary>
    public int MaxQueuedRequests { get; set; } = 1_000;

    /// <summary>Consecutive failed Key Vault attempts (each retry is one) that open the circuit breaker.</summary>
    public int CircuitBreakerFailures { get; set; } = 5;

    /// <summary>How long an open circuit breaker fails calls at once before letting one through again.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An attempt on the wire this long when its caller gave up counts as a failure for the circuit breaker.</summary>
    public TimeSpan CircuitBreakerSlowCall { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a readiness answer (one Key Vault call) is reused by later probes.</summary>
    public TimeSpan ReadinessCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the readiness check waits for Key Vault before it reports unhealthy.</summary>
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The bound on cached key state: how long a key's attributes (enabled, nbf/exp, key_ops) and a versionless name's
    /// version are trusted before Key Vault is asked again.
    /// </summary>
    public TimeSpan LatestVersionCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Key Vault listing pages (25 keys each) one ListKeys call may read before it answers with what it found and a
    /// page token; each page is a Key Vault request the caller's budget pays for.
    /// </summary>
    public int ListKeysMaxVaultPages { get; set; } = 20;

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

public enum KeyVaultKind
{
    Vault,
    ManagedHsm,
}

public enum KeyVaultKeyType
{
    Software,
    Hsm,
}
