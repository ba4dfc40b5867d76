using Azure.Core;
using Azure.Core.Pipeline;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.KeyVault.Models;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.KeyVault;

/// <summary>The REST client against the emulator: deleted keys, paging and error bodies.</summary>
[Collection(BackendTests.Name)]
public sealed class KeyVaultKeyClientTests(BackendFixture fixture)
{
    private KeyVaultKeyClient Client => new(HttpPipelineBuilder.Build(new PlainOptions()), fixture.Emulator.VaultUri, "7.5");

    [Fact]
    public async Task Deleted_keys_can_be_read_and_purged()
    {
        var name = KeyNames.Unique("purge");
        await Client.CreateKeyAsync(name, new KeyCreateParameters { Kty = "EC", Crv = "P-384" }, CancellationToken.None);

        var deleted = await Client.DeleteKeyAsync(name, CancellationToken.None);
        var found = await Client.GetDeletedKeyAsync(name, CancellationToken.None);
        await Client.PurgeDeletedKeyAsync(name, CancellationToken.None);
        var gone = await Assert.ThrowsAsync<KeyVaultException>(() => Client.GetDeletedKeyAsync(name, CancellationToken.None));

        Assert.NotNull(deleted.RecoveryId);
        Assert.NotNull(deleted.ScheduledPurgeDate);
        Assert.Equal(deleted.Key.Kid, found.Key.Kid);
        Assert.Equal(404, gone.Status);
        Assert.Equal("KeyNotFound", gone.ErrorCode);
    }

    [Fact]
    public async Task Listing_follows_next_links_of_its_own_vault_only()
    {
        var prefix = KeyNames.Unique("list");
        for (var i = 0; i < 3; i++)
        {
            await Client.CreateKeyAsync($"{prefix}-{i}", new KeyCreateParameters { Kty = "EC", Crv = "P-256" }, CancellationToken.None);
        }

        var first = await Client.ListKeysAsync(1, null, CancellationToken.None);
        var skipToken = Client.SkipTokenOf(first.NextLink);
        var second = await Client.ListKeysAsync(1, skipToken, CancellationToken.None);

        Assert.Single(first.Value);
        Assert.NotNull(skipToken);
        Assert.NotEqual(first.Value[0].Kid, second.Value[0].Kid);
        Assert.Throws<KeyVaultException>(() => Client.SkipTokenOf("https://attacker.example/keys?$skiptoken=abc"));
    }

    [Fact]
    public async Task Errors_carry_key_vaults_status_and_code()
    {
        var missing = await Assert.ThrowsAsync<KeyVaultException>(() => Client.GetKeyAsync(KeyNames.Unique("none"), null, CancellationToken.None));
        var badSize = await Assert.ThrowsAsync<KeyVaultException>(() => Client.CreateKeyAsync(KeyNames.Unique("bad"), new KeyCreateParameters { Kty = "RSA", KeySize = 1000 }, CancellationToken.None));

        Assert.Equal((404, "KeyNotFound"), (missing.Status, missing.ErrorCode));
        Assert.Equal((400, "BadParameter"), (badSize.Status, badSize.ErrorCode));
        Assert.False(string.IsNullOrWhiteSpace(badSize.Message));
    }

    private sealed class PlainOptions : ClientOptions;
}
