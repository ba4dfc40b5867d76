using System.Reflection;
using Supacrypt.Cli;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Cli;

// Outside a checkout the command says what it needs: its version, and which flag or environment variable fixes a failure.
[Collection(BackendTests.Name)]
public sealed class SelfExplanationTests(BackendFixture backend) : IDisposable
{
    private readonly Interop.TempDirectory _directory = new();

    [Fact]
    public async Task Version_prints_the_informational_version()
    {
        var result = await CliRun.RunAsync(["--version"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            typeof(SupacryptApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion,
            result.Text.Trim());
    }

    [Fact]
    public async Task Without_a_backend_the_message_names_every_flag_and_environment_variable()
    {
        using var repository = DevelopmentPkiRepository.Create(withPki: false);

        var result = await CliRun.RunAsync(["keys", "list"], workingDirectory: repository.Subdirectory);

        Assert.Equal(2, result.ExitCode);
        foreach (var name in new[] { "--endpoint", "--ca", "--cert", "--key", "--insecure", "SUPACRYPT_ENDPOINT", "SUPACRYPT_CA", "SUPACRYPT_CERT", "SUPACRYPT_KEY" })
        {
            Assert.Contains(name, result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_tls_endpoint_without_a_client_certificate_is_refused_before_calling_naming_cert_and_key()
    {
        var result = await CliRun.RunAsync(["keys", "list", "--endpoint", backend.GrpcUri.ToString(), "--ca", TestCertificates.Shared.AuthorityPath]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--cert (or SUPACRYPT_CERT)", result.Error, StringComparison.Ordinal);
        Assert.Contains("--key (or SUPACRYPT_KEY)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_without_its_key_names_the_key_flag()
    {
        var certificate = _directory.File(_directory.Write("client.crt", System.Text.Encoding.ASCII.GetBytes(TestCertificates.Shared.Client.ExportCertificatePem())));

        var result = await CliRun.RunAsync(["health", "--endpoint", backend.GrpcUri.ToString(), "--ca", TestCertificates.Shared.AuthorityPath, "--cert", certificate]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no private key", result.Error, StringComparison.Ordinal);
        Assert.Contains("--key (or SUPACRYPT_KEY)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_server_certificate_names_the_ca_and_the_flag()
    {
        var otherAuthority = _directory.File(_directory.Write("other-ca.pem", System.Text.Encoding.ASCII.GetBytes(TestCertificates.Shared.RogueClient.ExportCertificatePem())));

        var result = await CliRun.RunAsync(["health", "--endpoint", backend.GrpcUri.ToString(), "--ca", otherAuthority,
            "--cert", CliConnection.CertificatePath, "--key", CliConnection.KeyPath]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"does not chain to the configured CA {otherAuthority}", result.Error, StringComparison.Ordinal);
        Assert.Contains("--ca (or SUPACRYPT_CA)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_passes_each_line_against_a_working_backend()
    {
        var result = await CliConnection.RunAsync(backend, "doctor");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Text.Trim().Split('\n');
        Assert.Equal(["backend", "ca", "client", "certificate", "reachability"], lines.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.All(lines, line => Assert.StartsWith("pass", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_fails_the_lines_that_are_wrong_and_says_how_to_fix_them()
    {
        var result = await CliRun.RunAsync(["doctor", "--json", "--endpoint", backend.GrpcUri.ToString(), "--ca", TestCertificates.Shared.AuthorityPath,
            "--cert", _directory.File("missing.crt")]);

        Assert.Equal(3, result.ExitCode);
        var checks = result.Json().GetProperty("checks").EnumerateArray()
            .ToDictionary(check => check.GetProperty("check").GetString()!, check => check.GetProperty("passed").GetBoolean());
        Assert.True(checks["backend"]);
        Assert.True(checks["ca"]);
        Assert.False(checks["client certificate"]);
        Assert.False(checks["reachability"]);
        Assert.Contains("SUPACRYPT_CERT", result.Text, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
