using System.ComponentModel.DataAnnotations;
using Supacrypt.Backend.Security;

namespace Supacrypt.Backend.Health;

/// <summary>The settings of the certificate-expiry readiness check, bound from the <c>Security</c> section.</summary>
public sealed class CertificateExpiryOptions
{
    /// <summary>
    /// Only mutual TLS presents the server certificate. Behind a TLS-terminating ingress the file may be absent: the
    /// image's default path stays set on Azure Container Apps, where nothing is mounted there.
    /// </summary>
    public TransportSecurity Mode { get; set; } = TransportSecurity.MutualTls;

    /// <summary>The PEM server certificate the gRPC endpoint presents (the same setting mutual TLS loads).</summary>
    public string? ServerCertificatePath { get; set; }

    /// <summary>Readiness turns Degraded this many days before the server certificate expires.</summary>
    [Range(0, 365)]
    public int CertificateExpiryWarningDays { get; set; } = 14;
}
