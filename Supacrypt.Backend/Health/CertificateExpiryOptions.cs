using System.ComponentModel.DataAnnotations;

namespace Supacrypt.Backend.Health;

/// <summary>The settings of the certificate-expiry readiness check, bound from the <c>Security</c> section.</summary>
public sealed class CertificateExpiryOptions
{
    /// <summary>The PEM server certificate the gRPC endpoint presents (the same setting mutual TLS loads).</summary>
    public string? ServerCertificatePath { get; set; }

    /// <summary>Readiness turns Degraded this many days before the server certificate expires.</summary>
    [Range(0, 365)]
    public int CertificateExpiryWarningDays { get; set; } = 14;
}
