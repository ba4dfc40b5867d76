using System.Text;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.Tests.Interop;

namespace Supacrypt.Tests.Cli;

[Collection(BackendTests.Name)]
public sealed class EncryptCommandTests(BackendFixture backend)
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("A secret only the vault can open.");

    [Theory]
    [InlineData("sha256")]
    [InlineData("sha1")]
    public async Task Ciphertext_from_openssl_decrypts_with_the_cli(string oaepHash)
    {
        var key = (await backend.SharedKeyAsync(TestKey.Rsa2048)).Metadata.Name;
        using var directory = new TempDirectory();
        directory.Write("secret.txt", Secret);
        await CliConnection.RunAsync(backend, "pubkey", key, "--output", directory.File("key.pem"));
        await directory.OpenSslCheckedAsync("pkeyutl", "-encrypt", "-pubin", "-inkey", "key.pem", "-pkeyopt", "rsa_padding_mode:oaep",
            "-pkeyopt", $"rsa_oaep_md:{oaepHash}", "-in", "secret.txt", "-out", "secret.bin");

        var decrypted = await CliConnection.RunAsync(backend, "decrypt", key, directory.File("secret.bin"), "--oaep-hash", oaepHash);

        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        Assert.Equal(Secret, decrypted.Bytes);
    }

    [Fact]
    public async Task Encrypt_and_decrypt_round_trip_through_stdin_and_stdout_in_base64()
    {
        var key = (await backend.SharedKeyAsync(TestKey.Rsa2048)).Metadata.Name;

        var encrypted = await CliConnection.RunWithInputAsync(backend, Secret, "encrypt", key, "--format", "base64");
        var decrypted = await CliConnection.RunWithInputAsync(backend, encrypted.Bytes, "decrypt", key, "--format", "base64");

        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        Assert.Equal(Secret, decrypted.Bytes);
    }

    // Key Vault has no OAEP label; the option exists because the contract has the field, and the refusal is precise.
    [Fact]
    public async Task Encrypt_with_an_oaep_label_is_refused_as_padding_not_supported()
    {
        var key = (await backend.SharedKeyAsync(TestKey.Rsa2048)).Metadata.Name;

        var encrypted = await CliConnection.RunWithInputAsync(backend, Secret, "encrypt", key, "--oaep-label", "invoice");

        Assert.Equal(1, encrypted.ExitCode);
        Assert.Contains("ERROR_CODE_PADDING_NOT_SUPPORTED", encrypted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypt_with_an_ec_key_is_refused_with_the_contract_error()
    {
        var key = (await backend.SharedKeyAsync(TestKey.P256)).Metadata.Name;

        var encrypted = await CliConnection.RunWithInputAsync(backend, Secret, "encrypt", key);

        Assert.Equal(1, encrypted.ExitCode);
        Assert.Contains("ERROR_CODE_OPERATION_NOT_SUPPORTED", encrypted.Error, StringComparison.Ordinal);
        Assert.Empty(encrypted.Bytes);
    }
}
