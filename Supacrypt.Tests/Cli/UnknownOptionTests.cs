using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Cli;

// A signing tool must not guess: an option it does not know is a usage error, never silently a default.
[Collection(BackendTests.Name)]
public sealed class UnknownOptionTests(BackendFixture backend)
{
    [Fact]
    public async Task Sign_with_a_misspelt_hash_flag_exits_2_naming_it_and_signs_nothing()
    {
        var key = await backend.SharedKeyAsync(TestKey.P256);

        var result = await CliConnection.RunWithInputAsync(backend, "data"u8.ToArray(), "sign", key.Metadata.Name, "--hsah", "sha512");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown option 'hsah'", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Text);
        Assert.Empty(result.Bytes);
    }

    [Theory]
    [InlineData("keys", "list", "--fliter", "x")]
    [InlineData("health", "--endpiont", "https://127.0.0.1:1")]
    public async Task Any_command_refuses_an_unknown_option(params string[] args)
    {
        var result = await CliRun.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: Unknown option", result.Error, StringComparison.Ordinal);
    }
}
