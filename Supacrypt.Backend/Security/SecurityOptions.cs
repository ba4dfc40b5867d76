namespace Supacrypt.Backend.Security;

/// <summary>Transport security of the gRPC endpoint, bound from the <c>Security</c> section.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    public TransportSecurity Mode { get; set; } = TransportSecurity.MutualTls;

    /// <summary>PEM certificate (with any intermediates) the gRPC endpoint presents.</summary>
    public string? ServerCertificatePath { get; set; }

    /// <summary>PEM private key of the server certificate.</summary>
    public string? ServerCertificateKeyPath { get; set; }

    /// <summary>PEM bundle of the certificate authorities whose client certificates are accepted; nothing else is trusted.</summary>
    public string? ClientCertificateAuthorityPath { get; set; }
}

public enum TransportSecurity
{
    /// <summary>TLS with a client certificate from a configured authority on every call: the default, and production's only mode.</summary>
    MutualTls,

    /// <summary>Plaintext HTTP/2 without client identity: an explicit switch for development only.</summary>
    Insecure,
}
