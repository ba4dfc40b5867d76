using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Supacrypt.Backend.KeyVault;

/// <summary>Readiness: the key store answers an authenticated request. Any answer but an error status counts.</summary>
internal sealed class KeyVaultHealthCheck(KeyVaultKeyClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.ListKeysAsync(1, null, cancellationToken);
            return HealthCheckResult.Healthy($"Key Vault {client.VaultUri} answers.");
        }
        catch (KeyVaultException exception) when (exception.Status == 429)
        {
            // A throttling vault is there and answering; taking instances out of rotation would not make it faster.
            return HealthCheckResult.Degraded($"Key Vault {client.VaultUri} answers but is throttling requests.");
        }
        catch (Exception exception) when (exception is KeyVaultException or Azure.RequestFailedException or HttpRequestException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Key Vault {client.VaultUri} does not answer: {exception.Message}");
        }
    }
}
