using System.Security.Cryptography.X509Certificates;
using Supacrypt.Tests.Interop;

namespace Supacrypt.Tests.Security;

/// <summary>
/// A certificate authority run by the <c>openssl ca</c> command line, as an operator would run one: it issues client
/// certificates (valid, expired, without the client-authentication EKU, pointing at an AIA URL), subordinate
/// authorities, revokes, and publishes CRLs. Everything lives in a temporary folder made by the test.
/// </summary>
public sealed class OpensslAuthority
{
    private OpensslAuthority(string directory) => Directory = directory;

    public string Directory { get; }

    public string CertificatePath => Path.Combine(Directory, "ca.crt");

    public string RevocationListPath => Path.Combine(Directory, "ca.crl");

    private string ConfigPath => Path.Combine(Directory, "ca.cnf");

    /// <summary>A self-signed root; <paramref name="keyUsage"/> is its key usage extension as openssl writes it.</summary>
    public static async Task<OpensslAuthority> CreateRootAsync(string parent, string name, string keyUsage = "critical,keyCertSign,cRLSign")
    {
        var authority = Prepare(parent, name);
        await OpenSsl.RunCheckedAsync(authority.Directory, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "ca.key", "-out", "ca.crt", "-subj", $"/CN={name}", "-days", "30",
            "-addext", "basicConstraints=critical,CA:true", "-addext", $"keyUsage={keyUsage}");
        return authority;
    }

    /// <summary>A subordinate authority issued by this one.</summary>
    public async Task<OpensslAuthority> IssueAuthorityAsync(string name)
    {
        var subordinate = Prepare(Path.GetDirectoryName(Directory)!, name);
        var (certificate, _) = await IssueAsync(name, "intermediate");
        File.Copy(certificate, subordinate.CertificatePath);
        File.Copy(Path.Combine(Directory, $"{name}.key"), Path.Combine(subordinate.Directory, "ca.key"));
        return subordinate;
    }

    /// <summary>Issues <c>CN=<paramref name="name"/></c> with the extension section <paramref name="profile"/> (client, no_eku, intermediate).</summary>
    public async Task<(string CertificatePath, string KeyPath)> IssueAsync(
        string name, string profile = "client", string? aiaUrl = null, (string Start, string End)? validity = null)
    {
        await OpenSsl.RunCheckedAsync(Directory, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", $"{name}.key", "-out", $"{name}.csr", "-subj", $"/CN={name}");
        var arguments = new List<string> { "ca", "-batch", "-notext", "-config", ConfigPath, "-in", $"{name}.csr", "-out", $"{name}.crt" };
        if (aiaUrl is not null)
        {
            File.WriteAllText(Path.Combine(Directory, $"{name}.ext"), $"""
                basicConstraints = critical,CA:false
                keyUsage = critical,digitalSignature
                extendedKeyUsage = clientAuth
                authorityInfoAccess = caIssuers;URI:{aiaUrl}
                """);
            arguments.AddRange(["-extfile", $"{name}.ext"]);
        }
        else
        {
            arguments.AddRange(["-extensions", profile]);
        }

        if (validity is { } dates)
        {
            arguments.AddRange(["-startdate", dates.Start, "-enddate", dates.End]);
        }

        await OpenSsl.RunCheckedAsync(Directory, [.. arguments]);
        return (Path.Combine(Directory, $"{name}.crt"), Path.Combine(Directory, $"{name}.key"));
    }

    public static X509Certificate2 Load((string CertificatePath, string KeyPath) issued) =>
        X509Certificate2.CreateFromPemFile(issued.CertificatePath, issued.KeyPath);

    public Task RevokeAsync(string certificatePath) =>
        OpenSsl.RunCheckedAsync(Directory, "ca", "-config", ConfigPath, "-revoke", certificatePath);

    /// <summary>
    /// Publishes the CRL (or one whose nextUpdate has passed, or one valid from and until the given times) to a
    /// temporary file, then moves it over <see cref="RevocationListPath"/> as rotation tools do.
    /// </summary>
    public async Task PublishRevocationListAsync(bool expired = false, (DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate)? between = null)
    {
        string[] validity = (expired, between) switch
        {
            (true, _) => ["-crl_lastupdate", "20200101000000Z", "-crl_nextupdate", "20200102000000Z"],
            (_, { } times) => ["-crl_lastupdate", times.ThisUpdate.UtcDateTime.ToString("yyyyMMddHHmmss'Z'"), "-crl_nextupdate", times.NextUpdate.UtcDateTime.ToString("yyyyMMddHHmmss'Z'")],
            _ => ["-crldays", "7"],
        };
        await OpenSsl.RunCheckedAsync(Directory, ["ca", "-config", ConfigPath, "-gencrl", .. validity, "-out", "ca.crl.new"]);
        File.Move(Path.Combine(Directory, "ca.crl.new"), RevocationListPath, overwrite: true);
    }

    private static OpensslAuthority Prepare(string parent, string name)
    {
        var directory = Path.Combine(parent, name);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "issued"));
        File.WriteAllText(Path.Combine(directory, "index.txt"), "");
        File.WriteAllText(Path.Combine(directory, "serial"), "1000\n");
        File.WriteAllText(Path.Combine(directory, "crlnumber"), "1000\n");
        File.WriteAllText(Path.Combine(directory, "ca.cnf"), $"""
            [ ca ]
            default_ca = authority

            [ authority ]
            dir = {directory}
            database = $dir/index.txt
            new_certs_dir = $dir/issued
            serial = $dir/serial
            crlnumber = $dir/crlnumber
            certificate = $dir/ca.crt
            private_key = $dir/ca.key
            default_md = sha256
            default_days = 20
            default_crl_days = 7
            policy = any_name
            unique_subject = no
            copy_extensions = none

            [ any_name ]
            commonName = supplied

            [ client ]
            basicConstraints = critical,CA:false
            keyUsage = critical,digitalSignature
            extendedKeyUsage = clientAuth

            [ no_eku ]
            basicConstraints = critical,CA:false
            keyUsage = critical,digitalSignature

            [ intermediate ]
            basicConstraints = critical,CA:true,pathlen:0
            keyUsage = critical,keyCertSign,cRLSign
            """);
        return new OpensslAuthority(directory);
    }
}
