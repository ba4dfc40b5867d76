using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Cli;

[Collection(BackendTests.Name)]
public sealed class ConnectionTests(BackendFixture backend)
{
    [Fact]
    public async Task Environment_variables_supply_the_endpoint_and_the_certificates()
    {
        var environment = new Dictionary<string, string>
        {
            ["SUPACRYPT_ENDPOINT"] = backend.GrpcUri.ToString(),
            ["SUPACRYPT_CA"] = TestCertificates.Shared.AuthorityPath,
            ["SUPACRYPT_CERT"] = CliConnection.CertificatePath,
            ["SUPACRYPT_KEY"] = CliConnection.KeyPath,
        };

        var result = await CliRun.RunAsync(["health", "--json"], environment: environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("healthy", result.Json().GetProperty("status").GetString());
        Assert.True(result.Json().GetProperty("tls").GetBoolean());
    }

    [Fact]
    public async Task The_development_pki_above_the_working_directory_is_used_when_nothing_else_is_given()
    {
        using var repository = DevelopmentPkiRepository.Create();

        var result = await CliRun.RunAsync(["health", "--endpoint", backend.GrpcUri.ToString()], workingDirectory: repository.Subdirectory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Path.Combine(".supacrypt", "dev-pki", "admin.crt"), result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_endpoint_or_a_development_pki_the_cli_says_what_to_do()
    {
        using var repository = DevelopmentPkiRepository.Create(withPki: false);

        var result = await CliRun.RunAsync(["keys", "list"], workingDirectory: repository.Subdirectory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Supacrypt.DevPki", result.Error, StringComparison.Ordinal);
    }
}
