using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Security;

namespace Supacrypt.Backend.Health;

/// <summary>
/// Readiness stays up but turns Degraded while a CRL in force has less than a quarter of its validity left, has
/// expired (its issuer's certificates are then refused), or a CRL file or URL cannot be read: an operator sees it on
/// <c>/health/ready</c> before, or while, callers are locked out.
/// </summary>
internal sealed class RevocationListHealthCheck(IOptions<SecurityOptions> options, SecurityFiles files, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (settings.Mode == TransportSecurity.Insecure || settings.EffectiveRevocationMode != RevocationCheck.Crl)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Client certificates are not checked for revocation (Security:RevocationMode is not Crl)."));
        }

        var now = time.GetUtcNow();
        var material = files.Current;
        var problems = new List<string>();
        if (material.RevocationListFailures.Count > 0)
        {
            problems.Add($"cannot be read or fetched: {string.Join(", ", material.RevocationListFailures)}");
        }

        var data = new Dictionary<string, object>();
        foreach (var list in RevocationList.NewestPerIssuer(material.RevocationLists))
        {
            var issuer = CallerIdentity.Printable(list.Issuer.Name);
            data[issuer] = list.NextUpdate?.ToString("O") ?? "none";
            if (list.HasExpired(now))
            {
                problems.Add($"'{list.Path}' of {issuer} expired at {list.NextUpdate:O}; its certificates are refused until it is renewed");
            }
            else if (list.IsNearExpiry(now))
            {
                problems.Add($"'{list.Path}' of {issuer} expires at {list.NextUpdate:O}, with less than a quarter of its validity left; renew it");
            }
        }

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("Every certificate revocation list in force is current.", data)
            : HealthCheckResult.Degraded($"Certificate revocation lists: {string.Join("; ", problems)}.", data: data));
    }
}
