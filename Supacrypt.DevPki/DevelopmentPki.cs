namespace Supacrypt.DevPki;

/// <summary>
/// The development PKI: one CA, a loopback server certificate, and two client certificates whose roles the
/// development authorization policy names. Files are PEM, created once and reused while they are valid.
/// </summary>
public static class DevelopmentPki
{
    public const string DefaultRelativeDirectory = ".supacrypt/dev-pki";
    public const string AdminSubject = "CN=supacrypt-admin";
    public const string SignerSubject = "CN=supacrypt-signer";
    public const string SignerKeyPrefix = "app-";

    /// <summary>Server names every development server certificate carries.</summary>
    public static IReadOnlyList<string> LoopbackNames { get; } = ["localhost", "127.0.0.1", "::1"];

    /// <summary>
    /// Makes sure <paramref name="directory"/> holds a complete, valid development PKI whose server certificate names
    /// <paramref name="extraServerNames"/> too; anything missing, expiring or lacking a name is issued again.
    /// </summary>
    public static DevelopmentPkiFiles EnsureCreated(string directory, IEnumerable<string>? extraServerNames = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var files = new DevelopmentPkiFiles(Path.GetFullPath(directory));
        Directory.CreateDirectory(files.Directory);
        var serverNames = LoopbackNames.Concat(extraServerNames ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        // The AppHost, a test run and a developer's command may all start at once: one writer at a time.
        using var writerLock = AcquireLock(Path.Combine(files.Directory, ".lock"));
        var issuer = new PkiIssuer(time);
        var (authority, authorityReissued) = issuer.EnsureAuthority(files.AuthorityCertificate, files.AuthorityKey);
        using (authority)
        {
            issuer.EnsureLeaf(authority, authorityReissued, files.ServerCertificate, files.ServerKey, "CN=localhost", LeafUsage.Server, serverNames);
            issuer.EnsureLeaf(authority, authorityReissued, files.AdminCertificate, files.AdminKey, AdminSubject, LeafUsage.Client, []);
            issuer.EnsureLeaf(authority, authorityReissued, files.SignerCertificate, files.SignerKey, SignerSubject, LeafUsage.Client, []);
            issuer.EnsureRevocationList(authority, authorityReissued, files.RevocationList);
        }

        // Also for a key an earlier run wrote: the containers read it as UID/GID 1000 whoever ran this.
        if (!OperatingSystem.IsWindows())
        {
            KeyFileAccess.ShareWithContainerGroup(files.ServerKey);
        }

        return files;
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>The repository root above <paramref name="start"/> (the folder holding Supacrypt.sln), or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Supacrypt.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
