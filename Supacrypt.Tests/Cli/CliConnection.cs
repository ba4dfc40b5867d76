using System.Security.Cryptography.X509Certificates;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Cli;

/// <summary>The test PKI's client certificate and key as PEM files, the way a person hands them to <c>supacrypt</c>.</summary>
public static class CliConnection
{
    private static readonly Lazy<(string Certificate, string Key)> ClientFiles = new(() =>
    {
        var directory = Directory.CreateTempSubdirectory("supacrypt-cli-").FullName;
        var client = TestCertificates.Shared.Client;
        var certificate = Path.Combine(directory, "client.crt");
        var key = Path.Combine(directory, "client.key.pem");
        File.WriteAllText(certificate, client.ExportCertificatePem());
        File.WriteAllText(key, client.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificate, key);
    });

    public static string CertificatePath => ClientFiles.Value.Certificate;

    public static string KeyPath => ClientFiles.Value.Key;

    /// <summary>--endpoint, --ca, --cert and --key for the fixture's backend over mutual TLS.</summary>
    public static string[] Options(BackendFixture backend) =>
        ["--endpoint", backend.GrpcUri.ToString(), "--ca", TestCertificates.Shared.AuthorityPath, "--cert", CertificatePath, "--key", KeyPath];

    public static Task<CliResult> RunAsync(BackendFixture backend, params string[] args) =>
        CliRun.RunAsync([.. args, .. Options(backend)]);

    public static Task<CliResult> RunWithInputAsync(BackendFixture backend, byte[] standardInput, params string[] args) =>
        CliRun.RunAsync([.. args, .. Options(backend)], standardInput);
}
