using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Supacrypt.KeyVaultEmulator;
using Supacrypt.KeyVaultEmulator.Api;
using Supacrypt.KeyVaultEmulator.Json;
using Supacrypt.KeyVaultEmulator.Keys;
using Supacrypt.KeyVaultEmulator.Persistence;

namespace Supacrypt.Tests.Emulator;

/// <summary>Time-dependent rules of the key store and key use, on a fake clock.</summary>
public sealed class KeyStoreTimeTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly KeyStore _store;

    public KeyStoreTimeTests() =>
        _store = new KeyStore(new InMemoryPersistence(), _time, Options.Create(new EmulatorOptions { RecoverableDays = 7, PurgeDuration = TimeSpan.FromSeconds(5) }));

    public void Dispose() => _store.Dispose();

    private KeyVersionRecord NewVersion(long? nbf = null, long? exp = null)
    {
        var material = KeyMaterialFactory.Generate(KeyTypes.Ec, new KeyCreateParameters { Kty = KeyTypes.Ec });
        return new KeyVersionRecord(KeyIdentifiers.NewVersion(), KeyTypes.Ec, material, KeyTypes.DefaultOperations(KeyTypes.Ec),
            true, nbf, exp, _store.Now, _store.Now, null);
    }

    [Fact]
    public async Task Soft_deleted_key_is_purged_at_its_scheduled_purge_date()
    {
        await _store.AddVersionAsync("k", NewVersion(), CancellationToken.None);
        var deleted = await _store.DeleteAsync("k", CancellationToken.None);
        Assert.Equal(_store.Now + (7 * 86400), deleted.Deletion!.ScheduledPurgeDate);

        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal("k", _store.GetDeleted("k").Name);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(_store.ListDeleted());
        var error = Assert.Throws<KeyVaultException>(() => _store.GetDeleted("k"));
        Assert.Equal(404, error.Status);
        await _store.AddVersionAsync("k", NewVersion(), CancellationToken.None);
    }

    [Fact]
    public async Task A_purged_name_is_refused_until_the_purge_has_finished()
    {
        await _store.AddVersionAsync("p", NewVersion(), CancellationToken.None);
        await _store.DeleteAsync("p", CancellationToken.None);
        await _store.PurgeAsync("p", CancellationToken.None);

        Assert.Equal(404, Assert.Throws<KeyVaultException>(() => _store.GetDeleted("p")).Status);
        _time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        var refused = await Assert.ThrowsAsync<KeyVaultException>(() => _store.AddVersionAsync("p", NewVersion(), CancellationToken.None));
        Assert.Equal((409, "ObjectIsBeingDeleted"), (refused.Status, refused.InnerCode));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _store.AddVersionAsync("p", NewVersion(), CancellationToken.None);
    }

    [Fact]
    public async Task Purge_protection_refuses_a_purge_and_keeps_the_deleted_key()
    {
        using var store = new KeyStore(new InMemoryPersistence(), _time, Options.Create(new EmulatorOptions { PurgeProtection = true }));
        await store.AddVersionAsync("kept", NewVersion(), CancellationToken.None);
        await store.DeleteAsync("kept", CancellationToken.None);

        var refused = await Assert.ThrowsAsync<KeyVaultException>(() => store.PurgeAsync("kept", CancellationToken.None));

        Assert.Equal(403, refused.Status);
        Assert.Equal("kept", store.GetDeleted("kept").Name);
    }

    [Fact]
    public async Task Key_becomes_usable_at_nbf_and_unusable_at_exp()
    {
        var start = _store.Now;
        var saved = await _store.AddVersionAsync("timed", NewVersion(start + 60, start + 120), CancellationToken.None);

        Assert.Equal("KeyNotYetValid", Assert.Throws<KeyVaultException>(() => KeyUsePolicy.Ensure(saved.Key, "sign", _store.Now)).InnerCode);
        _time.Advance(TimeSpan.FromSeconds(60));
        KeyUsePolicy.Ensure(saved.Key, "sign", _store.Now);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal("KeyExpired", Assert.Throws<KeyVaultException>(() => KeyUsePolicy.Ensure(saved.Key, "sign", _store.Now)).InnerCode);
        // Verify, decrypt and unwrap stay available after expiry, as in Key Vault: existing data stays readable.
        KeyUsePolicy.Ensure(saved.Key, "verify", _store.Now);
    }

    [Fact]
    public async Task A_change_that_cannot_be_stored_is_undone()
    {
        var persistence = new FailingPersistence();
        using var store = new KeyStore(persistence, _time, Options.Create(new EmulatorOptions()));
        await store.AddVersionAsync("kept", NewVersion(), CancellationToken.None);
        persistence.Fail = true;

        await Assert.ThrowsAsync<IOException>(() => store.DeleteAsync("kept", CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(() => store.AddVersionAsync("lost", NewVersion(), CancellationToken.None));

        Assert.Equal("kept", store.GetRecord("kept").Name);
        Assert.Equal(404, Assert.Throws<KeyVaultException>(() => store.GetRecord("lost")).Status);
    }

    private sealed class FailingPersistence : IKeyPersistence
    {
        public bool Fail { get; set; }

        public Task<IReadOnlyList<KeyRecord>> LoadAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<KeyRecord>>([]);

        public Task SaveAsync(IReadOnlyList<KeyRecord> keys, CancellationToken cancellationToken) =>
            Fail ? throw new IOException("Simulated: the disk is full.") : Task.CompletedTask;
    }
}
