using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.KeyVault;

/// <summary>
/// Readiness: the key store answers an authenticated request. The probe is unauthenticated and may be hit often, so
/// it never spends the vault's quota per hit: one Key Vault call at a time, with its own short timeout, and its
/// answer reused for <see cref="KeyVaultOptions.ReadinessCacheDuration"/>.
/// </summary>
internal sealed class KeyVaultHealthCheck(KeyVaultKeyClient client, IOptions<KeyVaultOptions> options, TimeProvider time) : IHealthCheck
{
    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _probe;
    private DateTimeOffset _freshUntil;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> probe;
        lock (_gate)
        {
            if (_probe is null || (_probe.IsCompleted && time.GetUtcNow() >= _freshUntil))
            {
                _probe = ProbeAsync();
            }

            probe = _probe;
        }

        return probe.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> ProbeAsync()
    {
        // Shared by every probe waiting on it, so it runs to its own timeout rather than any one caller's.
        using var timeout = new CancellationTokenSource(options.Value.ReadinessTimeout, time);
        HealthCheckResult result;
        try
        {
            await client.ListKeysAsync(1, null, timeout.Token);
            result = HealthCheckResult.Healthy($"Key Vault {client.VaultUri} answers.");
        }
        catch (KeyVaultException exception) when (exception.Status == 429)
        {
            // A throttling vault is there and answering; taking instances out of rotation would not make it faster.
            result = HealthCheckResult.Degraded($"Key Vault {client.VaultUri} answers but is throttling requests.");
        }
        catch (Exception exception) when (exception is KeyVaultException or Azure.RequestFailedException or HttpRequestException or OperationCanceledException
            or AggregateException or Azure.Identity.AuthenticationFailedException)
        {
            // The probe is unauthenticated: it says what failed, never Key Vault's own text.
            var reason = exception is KeyVaultException { Status: var status } ? $"it answered {status}" : $"{exception.GetType().Name}";
            result = HealthCheckResult.Unhealthy($"Key Vault {client.VaultUri} does not answer usefully: {reason}.");
        }

        lock (_gate)
        {
            _freshUntil = time.GetUtcNow() + options.Value.ReadinessCacheDuration;
        }

        return result;
    }
}
