using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Cli;

[Collection(BackendTests.Name)]
public sealed class ExitCodeTests(BackendFixture backend)
{
    [Theory]
    [InlineData("sign")]
    [InlineData("sign", "key", "--format", "zip")]
    [InlineData("keys", "create", "k", "--algorithm", "rsa", "--curve", "p256")]
    [InlineData("verify", "key", "--signature")]
    [InlineData("no-such-command")]
    public async Task Usage_errors_exit_with_2_and_one_line(params string[] args)
    {
        var result = await CliRun.RunAsync([.. args, "--endpoint", "https://127.0.0.1:1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_missing_input_file_is_a_usage_error()
    {
        var result = await CliConnection.RunAsync(backend, "sign", "any-key", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Cannot read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plaintext_endpoint_without_insecure_is_a_usage_error()
    {
        var result = await CliRun.RunAsync(["health", "--endpoint", "http://127.0.0.1:1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--insecure", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_backend_exits_with_3_and_the_correlation_id()
    {
        var result = await CliRun.RunAsync(["health", "--insecure", "--endpoint", $"http://127.0.0.1:{BackendFixture.FreePort()}"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Matches(@"^error: UNAVAILABLE: .+ \(correlation id [0-9a-f]{32}\)\s*$", result.Error);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_adds_the_exception_to_a_failure()
    {
        var result = await CliRun.RunAsync(["health", "--insecure", "--endpoint", $"http://127.0.0.1:{BackendFixture.FreePort()}", "--verbose"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_certificate_from_another_authority_fails_tls_with_exit_code_3()
    {
        using var directory = new Interop.TempDirectory();
        directory.Write("other-ca.pem", System.Text.Encoding.ASCII.GetBytes(TestCertificates.Shared.RogueClient.ExportCertificatePem()));

        var result = await CliRun.RunAsync(["health", "--endpoint", backend.GrpcUri.ToString(), "--ca", directory.File("other-ca.pem"),
            "--cert", CliConnection.CertificatePath, "--key", CliConnection.KeyPath]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("certificate chain", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_key_exits_with_1_and_the_contract_error()
    {
        var result = await CliConnection.RunWithInputAsync(backend, "data"u8.ToArray(), "sign", KeyNames.Unique("missing"));

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^error: ERROR_CODE_KEY_NOT_FOUND: .+ \(correlation id [0-9a-f]{32}\)\s*$", result.Error);
    }
}
