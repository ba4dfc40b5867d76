using Supacrypt.DevPki;

namespace Supacrypt.AppHost;

/// <summary>Where a deployed consumer finds its client certificate, its key and the backend's CA (a mounted secret).</summary>
public sealed record SupacryptClientCertificateFiles(string CertificateAuthorityPath, string CertificatePath, string KeyPath)
{
    /// <summary>The layout of a Kubernetes TLS secret plus <c>ca.crt</c> mounted at <paramref name="directory"/>.</summary>
    public static SupacryptClientCertificateFiles Mounted(string directory = "/certs/supacrypt-client") => new(
        $"{directory}/ca.crt", $"{directory}/tls.crt", $"{directory}/tls.key");
}

/// <summary>Hands a project that calls the backend through <c>AddSupacryptClient</c> its identity and the backend's CA.</summary>
public static class SupacryptClientCertificateExtensions
{
    /// <summary>
    /// Sets the consumer's <c>Supacrypt:Client</c> settings (CA, certificate, key). Run locally, the certificate is the
    /// development PKI's <paramref name="developmentIdentity"/> (<c>signer</c>: crypto operations on keys named
    /// <c>app-*</c>; <c>admin</c>: everything), issued under <c>.supacrypt/dev-pki/</c> when missing, the same PKI
    /// the backend's mutual TLS trusts. Published, the settings point at <paramref name="published"/> (default
    /// <see cref="SupacryptClientCertificateFiles.Mounted"/>), which the deployment mounts.
    /// Use with <c>WithReference(backend)</c>, which supplies the backend's grpc endpoint.
    /// </summary>
    public static IResourceBuilder<T> WithSupacryptClientCertificate<T>(
        this IResourceBuilder<T> consumer, string developmentIdentity = "signer", SupacryptClientCertificateFiles? published = null)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var files = consumer.ApplicationBuilder.ExecutionContext.IsRunMode
            ? DevelopmentFiles(consumer.ApplicationBuilder, developmentIdentity)
            : published ?? SupacryptClientCertificateFiles.Mounted();

        return consumer
            .WithEnvironment("Supacrypt__Client__CertificateAuthorityPath", files.CertificateAuthorityPath)
            .WithEnvironment("Supacrypt__Client__CertificatePath", files.CertificatePath)
            .WithEnvironment("Supacrypt__Client__KeyPath", files.KeyPath);
    }

    private static SupacryptClientCertificateFiles DevelopmentFiles(IDistributedApplicationBuilder builder, string identity)
    {
        var root = DevelopmentPki.FindRepositoryRoot(builder.AppHostDirectory) ?? builder.AppHostDirectory;
        var pki = DevelopmentPki.EnsureCreated(Path.Combine(root, DevelopmentPki.DefaultRelativeDirectory));
        return identity switch
        {
            "signer" => new(pki.AuthorityCertificate, pki.SignerCertificate, pki.SignerKey),
            "admin" => new(pki.AuthorityCertificate, pki.AdminCertificate, pki.AdminKey),
            _ => throw new ArgumentException($"The development PKI issues the identities 'signer' and 'admin', not '{identity}'.", nameof(identity)),
        };
    }
}
