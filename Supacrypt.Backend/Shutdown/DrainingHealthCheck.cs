using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Supacrypt.Backend.Shutdown;

/// <summary>Readiness fails from the moment shutdown begins, so load balancers stop sending calls here.</summary>
internal sealed class DrainingHealthCheck(CallDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? HealthCheckResult.Unhealthy($"Shutting down; {drain.InFlight} calls still in flight.")
            : HealthCheckResult.Healthy("Accepting calls."));
}
