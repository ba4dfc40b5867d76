namespace Supacrypt.Client;

/// <summary>
/// The development PKI that <c>dotnet run --project Supacrypt.DevPki</c> writes to <c>.supacrypt/dev-pki/</c> at
/// the repository root: <c>ca.crt</c> plus a certificate and key per identity (<c>admin</c>, <c>signer</c>).
/// </summary>
public sealed record DevelopmentPki(string Directory)
{
    public static readonly Uri DefaultEndpoint = new("https://localhost:5000");

    public const string Administrator = "admin";

    /// <summary>
    /// Looks for <c>.supacrypt/dev-pki/ca.crt</c> in <paramref name="startDirectory"/> and its parents, up to the
    /// repository root (the first directory with a <c>.git</c> entry): a checkout's PKI never leaks into another's.
    /// </summary>
    public static DevelopmentPki? Find(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ".supacrypt", "dev-pki");
            if (File.Exists(Path.Combine(candidate, "ca.crt")))
            {
                return new DevelopmentPki(candidate);
            }

            if (System.IO.Directory.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, ".git")))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Mutual TLS as <paramref name="identity"/> against <paramref name="endpoint"/> (default <see cref="DefaultEndpoint"/>).</summary>
    public SupacryptConnectionOptions Connection(string identity = Administrator, Uri? endpoint = null) => new()
    {
        Endpoint = endpoint ?? DefaultEndpoint,
        CertificateAuthorityPath = Path.Combine(Directory, "ca.crt"),
        CertificatePath = Path.Combine(Directory, $"{identity}.crt"),
        KeyPath = Path.Combine(Directory, $"{identity}.key"),
    };
}
