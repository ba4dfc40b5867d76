using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supacrypt.Client;

/// <summary>TLS settings for a connection: the client certificate to present and the authorities the server must chain to.</summary>
internal static class ClientTls
{
    public static SslClientAuthenticationOptions Create(SupacryptConnectionOptions options)
    {
        var tls = new SslClientAuthenticationOptions();
        if (options.CertificatePath is not null)
        {
            tls.ClientCertificateContext = LoadClientCertificate(options.CertificatePath, options.KeyPath);
        }
        else if (options.KeyPath is not null)
        {
            throw new SupacryptConnectionException("A client key was given without its certificate.");
        }

        if (options.CertificateAuthorityPath is not null)
        {
            // Only the given authorities are trusted, and nothing is fetched from the network while checking.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
            policy.CustomTrustStore.AddRange(LoadBundle(options.CertificateAuthorityPath, "certificate authority"));
            tls.CertificateChainPolicy = policy;
        }

        return tls;
    }

    internal static SslStreamCertificateContext LoadClientCertificate(string certificatePath, string? keyPath)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            var what = keyPath is null ? certificatePath : $"{certificatePath} with key {keyPath}";
            var cause = keyPath is null && exception is CryptographicException && !HoldsPrivateKey(certificatePath)
                ? "the file holds no private key (a PEM PRIVATE KEY block), so it cannot prove who is calling."
                : exception.Message;
            throw new SupacryptConnectionException($"Cannot load the client certificate {what}: {cause}", exception);
        }

        // Some platforms cannot present a key that lives only in memory; a PKCS#12 round trip gives it a home.
        if (OperatingSystem.IsWindows())
        {
            using var ephemeral = certificate;
            certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }

        var intermediates = LoadBundle(certificatePath, "client certificate");
        intermediates.RemoveAt(0);
        return SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
    }

    private static bool HoldsPrivateKey(string path) => File.ReadAllText(path).Contains("PRIVATE KEY-----", StringComparison.Ordinal);

    internal static X509Certificate2Collection LoadBundle(string path, string what)
    {
        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPemFile(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new SupacryptConnectionException($"Cannot read the {what} file {path}: {exception.Message}", exception);
        }

        if (bundle.Count == 0)
        {
            throw new SupacryptConnectionException($"The {what} file {path} holds no PEM certificate.");
        }

        return bundle;
    }
}
