namespace Supacrypt.DevPki;

/// <summary>Where the development PKI's PEM files are; the names are shared with compose and Kubernetes.</summary>
public sealed record DevelopmentPkiFiles(string Directory)
{
    public string AuthorityCertificate => Path.Combine(Directory, "ca.crt");

    public string AuthorityKey => Path.Combine(Directory, "ca.key");

    public string ServerCertificate => Path.Combine(Directory, "server.crt");

    public string ServerKey => Path.Combine(Directory, "server.key");

    public string AdminCertificate => Path.Combine(Directory, "admin.crt");

    public string AdminKey => Path.Combine(Directory, "admin.key");

    public string SignerCertificate => Path.Combine(Directory, "signer.crt");

    public string SignerKey => Path.Combine(Directory, "signer.key");

    public string RevocationList => Path.Combine(Directory, "ca.crl");
}
