using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Security;

namespace Supacrypt.Backend.Health;

/// <summary>
/// Readiness: Degraded when the server certificate expires within the warning period, Unhealthy once it has expired.
/// The file is read on every check, so a certificate renewed on disk (a rotated Kubernetes secret) is seen at once.
/// </summary>
internal sealed class ServerCertificateExpiryHealthCheck(IOptionsMonitor<CertificateExpiryOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        if (settings.Mode != TransportSecurity.MutualTls)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"Security:Mode={settings.Mode} serves no server certificate of its own."));
        }

        if (string.IsNullOrWhiteSpace(settings.ServerCertificatePath))
        {
            return Task.FromResult(HealthCheckResult.Healthy("No server certificate is configured on this endpoint."));
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(settings.ServerCertificatePath));
            return Task.FromResult(Judge(certificate, settings.CertificateExpiryWarningDays));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The server certificate '{settings.ServerCertificatePath}' cannot be read: {exception.Message}"));
        }
    }

    private HealthCheckResult Judge(X509Certificate2 certificate, int warningDays)
    {
        var expires = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var left = expires - time.GetUtcNow();
        var data = new Dictionary<string, object> { ["notAfter"] = expires.ToString("O"), ["subject"] = certificate.Subject };
        if (left <= TimeSpan.Zero)
        {
            return HealthCheckResult.Unhealthy($"The server certificate expired at {expires:O}.", data: data);
        }

        return left <= TimeSpan.FromDays(warningDays)
            ? HealthCheckResult.Degraded($"The server certificate expires at {expires:O}, within {warningDays} days; renew it.", data: data)
            : HealthCheckResult.Healthy($"The server certificate is valid until {expires:O}.", data: data);
    }
}
