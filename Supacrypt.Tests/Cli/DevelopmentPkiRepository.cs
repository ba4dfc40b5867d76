using System.Security.Cryptography.X509Certificates;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Cli;

/// <summary>
/// A throw-away repository (a folder with <c>.git</c>) holding <c>.supacrypt/dev-pki/</c> made from the test PKI,
/// laid out as Supacrypt.DevPki writes it, and a nested working directory.
/// </summary>
public sealed class DevelopmentPkiRepository : IDisposable
{
    private DevelopmentPkiRepository(string root)
    {
        Root = root;
        Subdirectory = Directory.CreateDirectory(Path.Combine(root, "src", "app")).FullName;
    }

    public string Root { get; }

    public string Subdirectory { get; }

    public string PkiDirectory => Path.Combine(Root, ".supacrypt", "dev-pki");

    public static DevelopmentPkiRepository Create(bool withPki = true)
    {
        var repository = new DevelopmentPkiRepository(Directory.CreateTempSubdirectory("supacrypt-repo-").FullName);
        Directory.CreateDirectory(Path.Combine(repository.Root, ".git"));
        if (withPki)
        {
            Directory.CreateDirectory(repository.PkiDirectory);
            var client = TestCertificates.Shared.Client;
            File.WriteAllText(Path.Combine(repository.PkiDirectory, "ca.crt"), TestCertificates.Shared.Authority.ExportCertificatePem());
            File.WriteAllText(Path.Combine(repository.PkiDirectory, "admin.crt"), client.ExportCertificatePem());
            File.WriteAllText(Path.Combine(repository.PkiDirectory, "admin.key"), client.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        }

        return repository;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
