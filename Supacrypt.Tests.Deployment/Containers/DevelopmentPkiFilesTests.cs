using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using Supacrypt.DevPki;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Deployment.Containers;

// The development PKI as `make certs`, `make k8s-certs` and compose use it: names are never lost between runs, and
// the server key is readable by the containers' UID/GID 1000 and by no one else.
[UnsupportedOSPlatform("windows")]
public sealed class DevelopmentPkiFilesTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("supacrypt-dev-pki-");

    private string PkiDirectory => Path.Combine(_root.FullName, "dev-pki");

    [Fact]
    public void A_later_run_with_other_names_keeps_the_earlier_ones()
    {
        DevelopmentPki.EnsureCreated(PkiDirectory, ["supacrypt-backend", "supacrypt-backend.supacrypt.svc"]);
        var files = DevelopmentPki.EnsureCreated(PkiDirectory, ["backend"]);

        using var server = X509Certificate2.CreateFromPem(File.ReadAllText(files.ServerCertificate));
        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();
        Assert.Superset(new HashSet<string> { "localhost", "supacrypt-backend", "supacrypt-backend.supacrypt.svc", "backend" }, names.ToHashSet());
    }

    [Fact]
    public void The_server_key_is_readable_by_its_owner_and_one_group_and_the_other_keys_by_their_owner_only()
    {
        var files = DevelopmentPki.EnsureCreated(PkiDirectory);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(files.ServerKey));
        Assert.All(
            [files.AuthorityKey, files.AdminKey, files.SignerKey],
            key => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key)));
    }

    // CI runs as root, as `sudo make certs` would: then the files belong to root, and only the group lets UID 1000 in.
    [Fact]
    public async Task The_compose_backends_certificate_layout_is_readable_as_uid_1000_in_the_sandbox_and_no_other_key_is()
    {
        DevelopmentPki.EnsureCreated(PkiDirectory);
        var app = Directory.CreateDirectory(Path.Combine(_root.FullName, "app")).FullName;
        var temporary = Directory.CreateDirectory(Path.Combine(_root.FullName, "tmp")).FullName;
        File.SetUnixFileMode(_root.FullName, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(app, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(temporary, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        var sandbox = new ContainerSandbox(app, PkiDirectory, temporary);

        var start = sandbox.StartInfo(new Dictionary<string, string>(), "sh", "-c",
            "id -u; for file in server.crt server.key ca.crt ca.crl ca.key admin.key signer.key; do " +
            "if cat /certs/$file >/dev/null 2>&1; then echo \"readable $file\"; else echo \"refused $file\"; fi; done");
        var result = await ExternalProcess.RunAsync(start, CommandTimeout);

        // Not as root, bubblewrap maps the files' owner (the caller) to UID 1000, who then reads their own keys too.
        var otherKeys = Environment.IsPrivilegedProcess ? "refused" : "readable";
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["1000", "readable server.crt", "readable server.key", "readable ca.crt", "readable ca.crl", $"{otherKeys} ca.key", $"{otherKeys} admin.key", $"{otherKeys} signer.key"],
            result.StandardOutput.Trim().Split('\n'));
    }

    public void Dispose() => _root.Delete(recursive: true);
}
