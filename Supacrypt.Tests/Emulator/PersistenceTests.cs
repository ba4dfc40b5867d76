using System.Net;
using System.Security.Cryptography;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

/// <summary>Starts its own emulators on a temporary data directory.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "supacrypt-emulator-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Dictionary<string, string?> Settings(string? secret) => new()
    {
        ["Emulator:DataDirectory"] = _directory,
        ["Emulator:StorageSecret"] = secret,
    };

    [Fact]
    public async Task Keys_survive_a_restart_with_the_same_data_directory_and_secret()
    {
        var digest = SHA256.HashData("persist"u8);
        string kid, deletedName = VaultClient.NewName("deleted");
        await using (var first = EmulatorFixture.WithSettings(Settings("correct horse")))
        {
            await first.InitializeAsync();
            using var vault = new VaultClient(first.CreateClient());
            var bundle = await vault.CreateKeyAsync("persisted", new { kty = "EC", tags = new { kept = "yes" } });
            kid = bundle["key"]!["kid"]!.GetValue<string>();
            await vault.CreateKeyAsync(deletedName, new { kty = "EC" });
            await vault.SendAsync(HttpMethod.Delete, $"keys/{deletedName}");
        }

        var file = Directory.GetFiles(_directory).Single();
        var text = await File.ReadAllTextAsync(file);
        Assert.DoesNotContain("\"d\"", text, StringComparison.Ordinal);

        await using var second = EmulatorFixture.WithSettings(Settings("correct horse"));
        await second.InitializeAsync();
        using var again = new VaultClient(second.CreateClient());
        var reloaded = await again.GetAsync("keys/persisted");
        Assert.Equal(HttpStatusCode.OK, reloaded.Status);
        Assert.Equal(kid.Split('/')[^1], reloaded.Body!["key"]!["kid"]!.GetValue<string>().Split('/')[^1]);
        Assert.Equal("yes", reloaded.Body!["tags"]!["kept"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"deletedkeys/{deletedName}")).Status);

        // The private key came back too: a signature verifies with the public key from before the restart.
        var signed = await again.PostAsync("keys/persisted/sign", new { alg = "ES256", value = Jwk.Encode(digest) });
        using var ecdsa = Jwk.PublicEcdsa(reloaded.Body!["key"]!);
        Assert.True(ecdsa.VerifyHash(digest, Jwk.Bytes(signed.Body!["value"])));
    }

    [Fact]
    public async Task Start_with_wrong_secret_fails_with_clear_message()
    {
        await using (var first = EmulatorFixture.WithSettings(Settings("right secret")))
        {
            await first.InitializeAsync();
            using var vault = new VaultClient(first.CreateClient());
            await vault.CreateKeyAsync("k", new { kty = "EC" });
        }

        await using var second = EmulatorFixture.WithSettings(Settings("wrong secret"));
        var error = await Assert.ThrowsAnyAsync<Exception>(second.InitializeAsync);
        Assert.Contains("Emulator:StorageSecret does not match", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_directory_without_secret_fails_at_start_up()
    {
        await using var emulator = EmulatorFixture.WithSettings(Settings(null));
        var error = await Assert.ThrowsAnyAsync<Exception>(emulator.InitializeAsync);
        Assert.Contains("Emulator:StorageSecret", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : error.Message + (error.InnerException is null ? "" : " | " + Flatten(error.InnerException));
}
