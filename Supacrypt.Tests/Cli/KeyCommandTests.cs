using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Cli;

[Collection(BackendTests.Name)]
public sealed class KeyCommandTests(BackendFixture backend)
{
    [Fact]
    public async Task Keys_create_show_list_and_delete_a_key_with_json_output()
    {
        var name = KeyNames.Unique("cli-keys");

        var created = await CliConnection.RunAsync(backend, "keys", "create", name, "--algorithm", "ec", "--curve", "p384",
            "--tag", "team=release", "--operation", "sign", "--operation", "verify", "--json");
        var shown = await CliConnection.RunAsync(backend, "keys", "show", name, "--json");
        var listed = await CliConnection.RunAsync(backend, "keys", "list", "--filter", name, "--json");
        var deleted = await CliConnection.RunAsync(backend, "keys", "delete", name, "--json");
        var gone = await CliConnection.RunAsync(backend, "keys", "show", name);

        Assert.True(created.ExitCode == 0, created.ToString());
        var metadata = created.Json().GetProperty("metadata");
        Assert.Equal(name, metadata.GetProperty("name").GetString());
        Assert.Equal("ECC_CURVE_P384", metadata.GetProperty("parameters").GetProperty("eccParams").GetProperty("curve").GetString());
        Assert.Equal("release", metadata.GetProperty("tags").GetProperty("team").GetString());
        Assert.Equal(["sign", "verify"], metadata.GetProperty("operations").EnumerateArray().Select(operation => operation.GetString()).Order());
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Equal(name, shown.Json().GetProperty("metadata").GetProperty("name").GetString());
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(listed.Json().GetProperty("keys").EnumerateArray(), key => key.GetProperty("name").GetString() == name);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("ERROR_CODE_KEY_NOT_FOUND", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_list_and_show_print_tables_for_people()
    {
        var name = KeyNames.Unique("cli-table");
        await CliConnection.RunAsync(backend, "keys", "create", name, "--algorithm", "ec", "--tag", "team=release");

        var listed = await CliConnection.RunAsync(backend, "keys", "list", "--filter", name);
        var shown = await CliConnection.RunAsync(backend, "keys", "show", name);

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(name, listed.Text, StringComparison.Ordinal);
        Assert.Contains("team=release", listed.Text, StringComparison.Ordinal);
        Assert.Contains("1 key(s)", listed.Text, StringComparison.Ordinal);
        Assert.Contains("key id", shown.Text, StringComparison.Ordinal);
        Assert.Contains("EC P-256", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_create_refuses_an_existing_name_with_exit_code_1_and_the_contract_error()
    {
        var name = KeyNames.Unique("cli-twice");
        await CliConnection.RunAsync(backend, "keys", "create", name, "--algorithm", "ec");

        var again = await CliConnection.RunAsync(backend, "keys", "create", name, "--algorithm", "ec");

        Assert.Equal(1, again.ExitCode);
        Assert.Matches(@"^error: ERROR_CODE_KEY_ALREADY_EXISTS: .+ \(correlation id [0-9a-f]{32}\)\s*$", again.Error);
    }

    [Fact]
    public async Task Pubkey_prints_pem_and_der_that_openssl_reads()
    {
        var key = await backend.SharedKeyAsync(TestKey.P256);
        using var directory = new Interop.TempDirectory();

        var pem = await CliConnection.RunAsync(backend, "pubkey", key.Metadata.Name);
        var der = await CliConnection.RunAsync(backend, "pubkey", key.Metadata.Name, "--format", "der", "--output", directory.File("key.der"));
        directory.Write("key.pem", pem.Bytes);

        Assert.True(pem.ExitCode == 0, pem.ToString());
        Assert.True(der.ExitCode == 0, der.ToString());
        Assert.Equal(key.PublicKey.KeyData.ToByteArray(), directory.Read("key.der"));
        var parsed = await directory.OpenSslCheckedAsync("pkey", "-pubin", "-in", "key.pem", "-noout", "-text");
        Assert.Contains("NIST CURVE: P-256", parsed.StandardOutput, StringComparison.OrdinalIgnoreCase);
        await directory.OpenSslCheckedAsync("pkey", "-pubin", "-inform", "DER", "-in", "key.der", "-noout");
    }
}
