using System.Net;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

[Collection(EmulatorTestGroup.Name)]
public sealed class SoftDeleteTests(EmulatorFixture emulator) : IDisposable
{
    private readonly VaultClient _vault = new(emulator.CreateClient());

    public void Dispose() => _vault.Dispose();

    [Fact]
    public async Task Delete_returns_deleted_key_bundle_and_hides_the_key()
    {
        var name = VaultClient.NewName();
        var created = await _vault.CreateKeyAsync(name, new { kty = "RSA", tags = new { t = "1" } });

        var deleted = await _vault.SendAsync(HttpMethod.Delete, $"keys/{name}");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        var body = deleted.Body!;
        Assert.Equal(new Uri(emulator.VaultUri, $"deletedkeys/{name}").ToString(), body["recoveryId"]!.GetValue<string>());
        Assert.Equal(created["key"]!["kid"]!.GetValue<string>(), body["key"]!["kid"]!.GetValue<string>());
        Assert.Equal(90L * 86400, body["scheduledPurgeDate"]!.GetValue<long>() - body["deletedDate"]!.GetValue<long>());
        Assert.Equal("1", body["tags"]!["t"]!.GetValue<string>());
        Assert.Null(body["key"]!["d"]);

        (await _vault.GetAsync($"keys/{name}")).AssertError(HttpStatusCode.NotFound, "KeyNotFound");
        var fetched = await _vault.GetAsync($"deletedkeys/{name}");
        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.Equal(body["deletedDate"]!.GetValue<long>(), fetched.Body!["deletedDate"]!.GetValue<long>());
    }

    [Fact]
    public async Task Create_with_soft_deleted_name_is_conflict()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        await _vault.SendAsync(HttpMethod.Delete, $"keys/{name}");

        var response = await _vault.PostAsync($"keys/{name}/create", new { kty = "EC" });
        response.AssertError(HttpStatusCode.Conflict, "Conflict");
        Assert.Equal("ObjectIsDeletedButRecoverable", response.InnerErrorCode);
        Assert.Contains("deleted but recoverable", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recover_restores_all_versions()
    {
        var name = VaultClient.NewName();
        var first = (await _vault.CreateKeyAsync(name, new { kty = "EC" }))["key"]!["kid"]!.GetValue<string>();
        var second = (await _vault.CreateKeyAsync(name, new { kty = "EC" }))["key"]!["kid"]!.GetValue<string>();
        await _vault.SendAsync(HttpMethod.Delete, $"keys/{name}");

        var recovered = await _vault.PostAsync($"deletedkeys/{name}/recover", "");
        Assert.Equal(HttpStatusCode.OK, recovered.Status);
        Assert.Equal(second, recovered.Body!["key"]!["kid"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await _vault.GetAsync($"keys/{name}/{first.Split('/')[^1]}")).Status);
        (await _vault.GetAsync($"deletedkeys/{name}")).AssertError(HttpStatusCode.NotFound, "KeyNotFound");
    }

    [Fact]
    public async Task Purge_removes_for_good_and_frees_the_name()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        await _vault.SendAsync(HttpMethod.Delete, $"keys/{name}");

        var purged = await _vault.SendAsync(HttpMethod.Delete, $"deletedkeys/{name}");
        Assert.Equal(HttpStatusCode.NoContent, purged.Status);
        Assert.Null(purged.Body);
        (await _vault.GetAsync($"deletedkeys/{name}")).AssertError(HttpStatusCode.NotFound, "KeyNotFound");
        (await _vault.PostAsync($"deletedkeys/{name}/recover", "")).AssertError(HttpStatusCode.NotFound, "KeyNotFound");
        // The purge runs on (Emulator:PurgeDuration, a minute here): the name is refused until it has finished.
        var whilePurging = await _vault.PostAsync($"keys/{name}/create", new { kty = "EC" });
        whilePurging.AssertError(HttpStatusCode.Conflict, "Conflict");
        Assert.Equal("ObjectIsBeingDeleted", whilePurging.InnerErrorCode);
    }

    [Fact]
    public async Task Delete_or_purge_of_unknown_key_is_key_not_found()
    {
        var name = VaultClient.NewName();
        (await _vault.SendAsync(HttpMethod.Delete, $"keys/{name}")).AssertError(HttpStatusCode.NotFound, "KeyNotFound");
        (await _vault.SendAsync(HttpMethod.Delete, $"deletedkeys/{name}")).AssertError(HttpStatusCode.NotFound, "KeyNotFound");
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        // An active key is not purgeable: only soft-deleted keys are.
        (await _vault.SendAsync(HttpMethod.Delete, $"deletedkeys/{name}")).AssertError(HttpStatusCode.NotFound, "KeyNotFound");
    }
}
