using Supacrypt.DevPki;

namespace Supacrypt.AppHost;

internal static class DevelopmentMutualTlsExtensions
{
    // Serves the backend's grpc endpoint over mutual TLS with the development PKI, and authorizes its two client
    // certificates: admin for everything, signer for crypto operations on keys named app-*. The CRL is checked, as
    // outside Development, so that revoking a development certificate behaves as it will in a deployment.
    public static IResourceBuilder<ProjectResource> WithDevelopmentMutualTls(this IResourceBuilder<ProjectResource> backend, string appHostDirectory)
    {
        var root = DevelopmentPki.FindRepositoryRoot(appHostDirectory) ?? appHostDirectory;
        var pki = DevelopmentPki.EnsureCreated(Path.Combine(root, DevelopmentPki.DefaultRelativeDirectory));

        backend.WithEndpoint("grpc", grpc => grpc.UriScheme = "https", createIfNotExists: false);
#pragma warning disable ASPIRECERTIFICATES001 // The backend presents the development PKI's certificate, never the ASP.NET Core one.
        backend.WithoutHttpsCertificate();
#pragma warning restore ASPIRECERTIFICATES001

        return backend
            .WithEnvironment("Security__Mode", "MutualTls")
            .WithEnvironment("Security__ServerCertificatePath", pki.ServerCertificate)
            .WithEnvironment("Security__ServerCertificateKeyPath", pki.ServerKey)
            .WithEnvironment("Security__ClientCertificateAuthorityPath", pki.AuthorityCertificate)
            .WithEnvironment("Security__RevocationMode", "Crl")
            .WithEnvironment("Security__CertificateRevocationListPaths__0", pki.RevocationList)
            .WithEnvironment("Security__Authorization__Clients__0__Subject", DevelopmentPki.AdminSubject)
            .WithEnvironment("Security__Authorization__Clients__0__Roles__0", "Administrator")
            .WithEnvironment("Security__Authorization__Clients__1__Subject", DevelopmentPki.SignerSubject)
            .WithEnvironment("Security__Authorization__Clients__1__Roles__0", "CryptoUser")
            .WithEnvironment("Security__Authorization__Clients__1__KeyPrefixes__0", DevelopmentPki.SignerKeyPrefix);
    }
}
