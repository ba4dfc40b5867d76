using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.KeyVault;

/// <summary>Refuses contradictory or insecure Key Vault settings at start-up rather than at the first request.</summary>
internal sealed class KeyVaultOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyVaultOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyVaultOptions options)
    {
        var failures = new List<string>();
        var uri = options.VaultUri;
        if (uri is null)
        {
            failures.Add("No Key Vault is configured: set ConnectionStrings:keyvault or KeyVault:VaultUri to the vault URI (for example https://myvault.vault.azure.net/).");
        }
        else if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            failures.Add($"The vault URI {uri} must use https; plain http is accepted only for a vault on loopback (the emulator).");
        }

        if (options.Credential == KeyVaultCredentialKind.None && !environment.IsDevelopment() && uri is { IsLoopback: false })
        {
            failures.Add("KeyVault:Credential=None sends no token; it is allowed only in the Development environment or for a vault on loopback.");
        }

        if (options.Credential == KeyVaultCredentialKind.ClientSecret &&
            (string.IsNullOrWhiteSpace(options.TenantId) || string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret)))
        {
            failures.Add("KeyVault:Credential=ClientSecret needs KeyVault:TenantId, KeyVault:ClientId and KeyVault:ClientSecret.");
        }

        if (!IsSupportedApiVersion(options.ApiVersion))
        {
            failures.Add($"KeyVault:ApiVersion '{options.ApiVersion}' is not supported; use 7.5 or newer (7.6, 2025-07-01, …).");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("KeyVault:MaxRetries must be between 0 and 10.");
        }

        if (options.CircuitBreakerFailures < 1 || options.CircuitBreakDuration <= TimeSpan.Zero)
        {
            failures.Add("KeyVault:CircuitBreakerFailures must be at least 1 and KeyVault:CircuitBreakDuration positive.");
        }

        if (options.CircuitBreakerSlowCall <= TimeSpan.Zero)
        {
            failures.Add("KeyVault:CircuitBreakerSlowCall must be positive.");
        }

        if (options.ListKeysMaxVaultPages < 1)
        {
            failures.Add($"KeyVault:ListKeysMaxVaultPages must be at least 1 (it is {options.ListKeysMaxVaultPages}).");
        }

        if (options.ReadinessCacheDuration < TimeSpan.Zero || options.ReadinessTimeout <= TimeSpan.Zero)
        {
            failures.Add("KeyVault:ReadinessTimeout must be positive and KeyVault:ReadinessCacheDuration must not be negative.");
        }

        if (options.VaultKind == KeyVaultKind.ManagedHsm && options.KeyType != KeyVaultKeyType.Hsm)
        {
            failures.Add("KeyVault:VaultKind=ManagedHsm holds HSM keys only: set KeyVault:KeyType=Hsm.");
        }

        if (uri is not null && KindOfAzureHost(uri) is { } hostKind && hostKind != options.VaultKind)
        {
            failures.Add($"The vault URI {uri} is a {hostKind} but KeyVault:VaultKind is {options.VaultKind}; set KeyVault:VaultKind={hostKind}.");
        }

        if (options.NetworkTimeout <= TimeSpan.Zero || options.LatestVersionCacheDuration < TimeSpan.Zero || options.RetryDelay < TimeSpan.Zero)
        {
            failures.Add("KeyVault:NetworkTimeout must be positive; KeyVault:RetryDelay and KeyVault:LatestVersionCacheDuration must not be negative.");
        }

        if (options.MaxRetryDelay < options.RetryDelay || options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add("KeyVault:MaxRetryDelay must be at least KeyVault:RetryDelay, and KeyVault:MaxRetryAfter must not be negative.");
        }

        if (options.MaxConcurrentRequests is < 1 or > 10_000 || options.MaxQueuedRequests is < 0 or > 1_000_000)
        {
            failures.Add("KeyVault:MaxConcurrentRequests must be from 1 to 10000 and KeyVault:MaxQueuedRequests from 0 to 1000000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static KeyVaultKind? KindOfAzureHost(Uri uri) =>
        uri.Host.Contains(".managedhsm.", StringComparison.OrdinalIgnoreCase) ? KeyVaultKind.ManagedHsm
        : uri.Host.Contains(".vault.", StringComparison.OrdinalIgnoreCase) ? KeyVaultKind.Vault
        : null;

    // Key Vault names versions 7.x (optionally -preview.N) and, since 2025, by date (yyyy-MM-dd, optionally -preview).
    private static bool IsSupportedApiVersion(string apiVersion)
    {
        var release = apiVersion.Split("-preview", 2)[0];
        return (Version.TryParse(release, out var number) && number >= new Version(7, 5)) ||
            (DateOnly.TryParseExact(release, "yyyy-MM-dd", out var date) && date.Year >= 2025);
    }
}
