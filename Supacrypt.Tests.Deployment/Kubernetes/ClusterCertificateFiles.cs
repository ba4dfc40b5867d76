using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// The four PEM files an overlay's secretGenerator reads (ca.crt, ca.crl, server.crt, server.key), made fresh by the
// test: kustomize refuses to render when one is missing.
internal static class ClusterCertificateFiles
{
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=Supacrypt Kubernetes Test CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var authority = authorityRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(2));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=supacrypt-backend", serverKey, HashAlgorithmName.SHA256);
        // The cluster's Service names, and loopback for the processes DevOverlayProcessTests runs.
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("supacrypt-backend");
        names.AddDnsName("supacrypt-keyvault-emulator");
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(authority, now.AddDays(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        var crl = new CertificateRevocationListBuilder().Build(authority, 1, now.AddDays(1), HashAlgorithmName.SHA256);

        File.WriteAllText(Path.Combine(directory, "ca.crt"), authority.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "ca.crl"), PemEncoding.WriteString("X509 CRL", crl));
        File.WriteAllText(Path.Combine(directory, "server.crt"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
    }
}
