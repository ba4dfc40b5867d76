using System.Formats.Asn1;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supacrypt.DevPki;

internal enum LeafUsage
{
    Server,
    Client,
}

/// <summary>Issues (or keeps) each file of the development PKI. ECDSA P-256 throughout: quick to make, read everywhere.</summary>
internal sealed class PkiIssuer(TimeProvider time)
{
    private static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3 * 365);
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan RevocationListLifetime = TimeSpan.FromDays(30);

    // Anything closer to its end than this is issued again, so a running system does not expire under a developer.
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromDays(7);

    private DateTimeOffset Now => time.GetUtcNow();

    public (X509Certificate2 Authority, bool Reissued) EnsureAuthority(string certificatePath, string keyPath)
    {
        if (TryLoad(certificatePath, keyPath) is { } existing)
        {
            if (existing.NotAfter.ToUniversalTime() - Now.UtcDateTime > RenewalMargin)
            {
                return (existing, false);
            }

            existing.Dispose();
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Supacrypt Development CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var authority = request.CreateSelfSigned(Now.AddMinutes(-5), Now.Add(AuthorityLifetime));
        Write(certificatePath, keyPath, authority, key);
        return (authority, true);
    }

    public void EnsureLeaf(
        X509Certificate2 authority, bool authorityReissued, string certificatePath, string keyPath, string subject, LeafUsage usage, IReadOnlyList<string> serverNames)
    {
        if (TryLoad(certificatePath, keyPath) is { } existing)
        {
            using (existing)
            {
                var names = Names(existing);
                if (!authorityReissued
                    && existing.Issuer == authority.Subject
                    && existing.NotAfter.ToUniversalTime() - Now.UtcDateTime > RenewalMargin
                    && serverNames.All(names.Contains))
                {
                    return;
                }

                // A certificate issued again keeps every name it had: `make certs` for compose and `make k8s-certs`
                // or a developer's own --san may run in any order without taking names from one another.
                serverNames = [.. serverNames, .. names.Where(name => !serverNames.Contains(name, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];
            }
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [usage == LeafUsage.Server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        if (serverNames.Count > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var name in serverNames)
            {
                if (IPAddress.TryParse(name, out var address))
                {
                    names.AddIpAddress(address);
                }
                else
                {
                    names.AddDnsName(name);
                }
            }

            request.CertificateExtensions.Add(names.Build());
        }

        var notAfter = Now.Add(LeafLifetime) < authority.NotAfter ? Now.Add(LeafLifetime) : new DateTimeOffset(authority.NotAfter.ToUniversalTime());
        using var issued = request.Create(authority, Now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        Write(certificatePath, keyPath, issued, key);
    }

    public void EnsureRevocationList(X509Certificate2 authority, bool authorityReissued, string path)
    {
        var builder = new CertificateRevocationListBuilder();
        var number = BigInteger.One;
        if (!authorityReissued && File.Exists(path))
        {
            var existing = ReadRevocationList(path);
            if (NextUpdate(existing) - Now > RenewalMargin)
            {
                return;
            }

            builder = CertificateRevocationListBuilder.Load(existing, out var current);
            number = current + 1;
        }

        var crl = builder.Build(authority, number, Now.Add(RevocationListLifetime), HashAlgorithmName.SHA256, thisUpdate: Now.AddMinutes(-5));
        File.WriteAllText(path, PemEncoding.WriteString("X509 CRL", crl));
    }

    // CertificateList ::= SEQUENCE { tbsCertList SEQUENCE { version?, signature, issuer, thisUpdate, nextUpdate?, ... } }
    private static DateTimeOffset NextUpdate(byte[] crl)
    {
        var tbs = new AsnReader(crl, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        tbs.ReadSequence();
        tbs.ReadSequence();
        ReadTime(tbs);
        return tbs.HasData ? ReadTime(tbs) : DateTimeOffset.MinValue;
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    private static byte[] ReadRevocationList(string path)
    {
        var text = File.ReadAllText(path);
        return PemEncoding.TryFind(text, out var fields)
            ? Convert.FromBase64String(text[fields.Base64Data])
            : File.ReadAllBytes(path);
    }

    private static HashSet<string> Names(X509Certificate2 certificate)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.UnionWith(extension.EnumerateDnsNames());
            names.UnionWith(extension.EnumerateIPAddresses().Select(address => address.ToString()));
        }

        return names;
    }

    private static X509Certificate2? TryLoad(string certificatePath, string keyPath)
    {
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static void Write(string certificatePath, string keyPath, X509Certificate2 certificate, ECDsa key)
    {
        File.WriteAllText(keyPath, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
    }
}
