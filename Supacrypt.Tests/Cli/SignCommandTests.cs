using System.Text;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.Tests.Interop;

namespace Supacrypt.Tests.Cli;

[Collection(BackendTests.Name)]
public sealed class SignCommandTests(BackendFixture backend)
{
    private static readonly byte[] Document = Encoding.UTF8.GetBytes("A release the CLI signs.\n");

    [Fact]
    public async Task Sign_with_rsa_pss_verifies_with_the_cli_and_with_openssl_using_pubkey()
    {
        var key = (await backend.SharedKeyAsync(TestKey.Rsa2048)).Metadata.Name;
        using var directory = new TempDirectory();
        directory.Write("document.txt", Document);

        var signed = await CliConnection.RunAsync(backend, "sign", key, directory.File("document.txt"),
            "--padding", "pss", "--hash", "sha384", "--salt-length", "48", "--output", directory.File("document.sig"));
        var verified = await CliConnection.RunAsync(backend, "verify", key, directory.File("document.txt"),
            "--signature", directory.File("document.sig"), "--padding", "pss", "--hash", "sha384", "--salt-length", "48");
        var pem = await CliConnection.RunAsync(backend, "pubkey", key, "--output", directory.File("key.pem"));

        Assert.True(signed.ExitCode == 0, signed.ToString());
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.StartsWith("valid", verified.Text, StringComparison.Ordinal);
        Assert.True(pem.ExitCode == 0, pem.ToString());
        await directory.OpenSslCheckedAsync("dgst", "-sha384", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:48",
            "-verify", "key.pem", "-signature", "document.sig", "document.txt");
    }

    [Fact]
    public async Task Sign_with_ecdsa_from_stdin_in_base64_verifies_with_the_cli_and_with_openssl()
    {
        var key = (await backend.SharedKeyAsync(TestKey.P384)).Metadata.Name;
        using var directory = new TempDirectory();
        directory.Write("document.txt", Document);

        var signed = await CliConnection.RunWithInputAsync(backend, Document, "sign", key, "--format", "base64");
        directory.Write("document.sig.b64", signed.Bytes);
        var verified = await CliConnection.RunWithInputAsync(backend, Document, "verify", key,
            "--signature", directory.File("document.sig.b64"), "--format", "base64", "--json");
        await CliConnection.RunAsync(backend, "pubkey", key, "--output", directory.File("key.pem"));

        Assert.True(signed.ExitCode == 0, signed.ToString());
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.True(verified.Json().GetProperty("isValid").GetBoolean());
        var p1363 = Convert.FromBase64String(Encoding.ASCII.GetString(signed.Bytes));
        directory.Write("document.sig", EcdsaSignatures.P1363ToDer(p1363));
        await directory.OpenSslCheckedAsync("dgst", "-sha384", "-verify", "key.pem", "-signature", "document.sig", "document.txt");
    }

    [Fact]
    public async Task Verify_exits_with_1_when_the_signature_is_over_other_data()
    {
        var key = (await backend.SharedKeyAsync(TestKey.P256)).Metadata.Name;
        using var directory = new TempDirectory();
        var signed = await CliConnection.RunWithInputAsync(backend, Document, "sign", key, "--format", "hex");
        directory.Write("document.sig.hex", signed.Bytes);

        var verified = await CliConnection.RunWithInputAsync(backend, "Something else."u8.ToArray(), "verify", key,
            "--signature", directory.File("document.sig.hex"), "--format", "hex");

        Assert.Equal(1, verified.ExitCode);
        Assert.Contains("invalid", verified.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_with_json_reports_the_signature_and_the_parameters_used()
    {
        var key = (await backend.SharedKeyAsync(TestKey.P256)).Metadata.Name;

        var signed = await CliConnection.RunWithInputAsync(backend, Document, "sign", key, "--json");

        Assert.True(signed.ExitCode == 0, signed.ToString());
        var json = signed.Json();
        Assert.Equal(64, Convert.FromBase64String(json.GetProperty("signature").GetString()!).Length);
        Assert.Equal("HASH_ALGORITHM_SHA256", json.GetProperty("parameters").GetProperty("hashAlgorithm").GetString());
        Assert.Matches("^[0-9a-f]{32}$", json.GetProperty("correlationId").GetString()!);
    }
}
