using System.Security.Cryptography.X509Certificates;

namespace Supacrypt.Backend.Security;

/// <summary>Loads the PEM files mutual TLS needs, with errors that name the setting and the file.</summary>
internal static class ServerCertificate
{
    public static X509Certificate2 Load(SecurityOptions options)
    {
        var certificatePath = Required(options.ServerCertificatePath, "Security:ServerCertificatePath");
        var keyPath = Required(options.ServerCertificateKeyPath, "Security:ServerCertificateKeyPath");
        var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{keyPath} holds no private key for the server certificate {certificatePath}.");
        }

        return certificate;
    }

    public static X509Certificate2Collection LoadAuthorities(SecurityOptions options)
    {
        var path = Required(options.ClientCertificateAuthorityPath, "Security:ClientCertificateAuthorityPath");
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(path);
        return authorities.Count > 0
            ? authorities
            : throw new InvalidOperationException($"Security:ClientCertificateAuthorityPath '{path}' holds no PEM certificate.");
    }

    private static string Required(string? path, string setting)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException($"{setting} is required with Security:Mode=MutualTls (the default) or ForwardedClientCertificate.");
        }

        return File.Exists(path) ? path : throw new InvalidOperationException($"{setting} '{path}' does not exist.");
    }
}
