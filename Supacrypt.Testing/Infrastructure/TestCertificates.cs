using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Supacrypt.Tests.Infrastructure;

/// <summary>
/// A test PKI made fresh for each test run: a CA, a server certificate for loopback, a client certificate from that
/// CA, and a client certificate from a rogue CA. The PEM files live in a temporary folder; nothing is committed.
/// </summary>
public sealed class TestCertificates
{
    private static readonly Lazy<TestCertificates> Instance = new(() => new TestCertificates());
    private readonly byte[] _authorityWithKey;

    private TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("supacrypt-pki-").FullName;
        using var authority = CreateAuthority("CN=Supacrypt Test CA");
        using var rogueAuthority = CreateAuthority("CN=Rogue CA");
        Authority = X509CertificateLoader.LoadCertificate(authority.RawData);
        _authorityWithKey = authority.Export(X509ContentType.Pkcs12);
        Client = Issue(authority, "CN=supacrypt-test-client", server: false);
        RogueClient = Issue(rogueAuthority, "CN=rogue-client", server: false);
        using var server = Issue(authority, "CN=localhost", server: true);

        AuthorityPath = Write("ca.pem", authority.ExportCertificatePem());
        ServerCertificatePath = Write("server.pem", server.ExportCertificatePem());
        ServerKeyPath = Write("server-key.pem", server.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public static TestCertificates Shared => Instance.Value;

    public string Directory { get; }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Client { get; }

    public X509Certificate2 RogueClient { get; }

    public string AuthorityPath { get; }

    public string ServerCertificatePath { get; }

    public string ServerKeyPath { get; }

    /// <summary>A fresh client certificate from the test CA, for tests that need callers with different names.</summary>
    public X509Certificate2 IssueClient(string subject)
    {
        using var authority = X509CertificateLoader.LoadPkcs12(_authorityWithKey, null);
        return Issue(authority, subject, server: false);
    }

    /// <summary>An HTTP/2 channel over TLS that trusts only the test CA and presents <paramref name="clientCertificate"/>.</summary>
    public GrpcChannel CreateChannel(Uri address, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && ChainsToAuthority(new X509Certificate2(certificate)),
            },
        };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private bool ChainsToAuthority(X509Certificate2 certificate) => ChainsTo(Authority, certificate);

    /// <summary>Whether <paramref name="certificate"/> chains to <paramref name="authority"/> alone, nothing fetched.</summary>
    public static bool ChainsTo(X509Certificate2 authority, X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(certificate);
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, pem);
        return path;
    }

    private static X509Certificate2 CreateAuthority(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }
}
