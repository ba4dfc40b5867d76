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
        _store = new KeyStore(new InMemoryPersistence(), _time, Options.Create(new EmulatorOptions { RecoverableDays = 7 }));

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
    public async Task Key_becomes_usable_at_nbf_and_unusable_at_exp()
    {
        var start = _store.Now;
        var saved = await _store.AddVersionAsync("timed", NewVersion(start + 60, start + 120), CancellationToken.None);

        Assert.Equal("KeyNotYetValid", Assert.Throws<KeyVaultException>(() => KeyUsePolicy.Ensure(saved.Key, "sign", _store.Now)).InnerCode);
        _time.Advance(TimeSpan.FromSeconds(60));
        KeyUsePolicy.Ensure(saved.Key, "sign", _store.Now);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal("KeyExpired", Assert.Throws<KeyVaultException>(() => KeyUsePolicy.Ensure(saved.Key, "sign", _store.Now)).InnerCode);
        // Public-key operations stay available, as in Key Vault.
        KeyUsePolicy.Ensure(saved.Key, "verify", _store.Now);
    }

    [Fact]
    public async Task Created_and_updated_follow_the_clock()
    {
        var saved = await _store.AddVersionAsync("clock", NewVersion(), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        var now = _store.Now;
        var updated = await _store.UpdateAsync("clock", null, v => v with { Enabled = false, Updated = now }, CancellationToken.None);
        Assert.Equal(saved.Key.Created, updated.Key.Created);
        Assert.Equal(saved.Key.Created + 300, updated.Key.Updated);
    }
}
