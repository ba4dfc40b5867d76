using System.Net;
using Microsoft.Extensions.Time.Testing;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.Telemetry;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.KeyVault.Models;
using Supacrypt.Tests.Emulator;
using Supacrypt.Tests.Infrastructure;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Supacrypt.Tests.Unit;

/// <summary>
/// A second writer (another replica, the portal, <c>az keyvault key set-attributes</c>) changes a key through the
/// emulator's REST API behind the backend's back: local encrypt and verify follow it within the stated bound
/// (<c>KeyVault:LatestVersionCacheDuration</c>, passed on a fake clock), and a write through this replica at once.
/// </summary>
public sealed class CachedKeyStateTests : IClassFixture<OpenEmulator>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly byte[] Plaintext = "cached state"u8.ToArray();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly VaultClient _elsewhere;
    private readonly KeyVaultKeyClient _client;
    private readonly PublicKeyCache _cache;
    private readonly Encryption _encryption;
    private readonly SignatureVerification _verification;
    private readonly KeyDeletion _deletion;

    public CachedKeyStateTests(OpenEmulator fixture)
    {
        _elsewhere = new VaultClient(fixture.Emulator.CreateClient());
        var options = MsOptions.Create(new KeyVaultOptions { LatestVersionCacheDuration = Bound });
        _client = new KeyVaultKeyClient(TestPipelines.Build(), fixture.Emulator.VaultUri, "7.5");
        _cache = new PublicKeyCache(_client, options, _time);
        var keys = new KeyResolution(_cache, _time);
        _encryption = new Encryption(keys);
        _verification = new SignatureVerification(keys);
        _deletion = new KeyDeletion(_client, _cache, options, _time);
    }

    public void Dispose() => _elsewhere.Dispose();

    [Theory]
    [InlineData("""{"attributes":{"enabled":false}}""", "is disabled")]
    [InlineData("""{"key_ops":["decrypt"]}""", "does not permit 'encrypt'")]
    public async Task A_pinned_version_disabled_or_narrowed_elsewhere_stops_encrypting_once_the_bound_has_passed(string change, string reason)
    {
        var key = await CreateRsaAsync();
        await EncryptAsync(key);

        await SetElsewhereAsync(key, change);
        _time.Advance(Bound);

        var refusal = await Assert.ThrowsAsync<KeyOperationException>(() => EncryptAsync(key));
        Assert.Equal(KeyError.OperationNotSupported, refusal.Code);
        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pinned_version_deleted_elsewhere_stops_encrypting_once_the_bound_has_passed()
    {
        var key = await CreateRsaAsync();
        await EncryptAsync(key);

        Assert.Equal(HttpStatusCode.OK, (await _elsewhere.SendAsync(HttpMethod.Delete, $"keys/{key.Name}")).Status);
        _time.Advance(Bound);

        var missing = await Assert.ThrowsAsync<KeyVaultException>(() => EncryptAsync(key));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task A_version_cached_while_disabled_verifies_again_once_re_enabled_elsewhere()
    {
        var key = await CreateRsaAsync();
        await SetElsewhereAsync(key, new { attributes = new { enabled = false } });
        await Assert.ThrowsAsync<KeyOperationException>(() => VerifyAsync(key));

        await SetElsewhereAsync(key, new { attributes = new { enabled = true } });
        _time.Advance(Bound);

        Assert.False((await VerifyAsync(key)).IsValid);
    }

    [Fact]
    public async Task Within_the_bound_the_cache_answers_without_asking_key_vault_and_builds_the_public_key_once()
    {
        var key = await CreateRsaAsync();
        await EncryptAsync(key);
        _time.Advance(Bound - TimeSpan.FromSeconds(1));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => EncryptAsync(key)));

        var cached = await _cache.GetAsync(key.Name, key.Version, CancellationToken.None);
        Assert.InRange(cached.PublicKey.BuiltCount, 1, 4);
    }

    [Fact]
    public async Task A_delete_through_this_replica_takes_effect_at_once()
    {
        var key = await CreateRsaAsync();
        await EncryptAsync(key);

        await _deletion.DeleteAsync(KeyIds.Parse(key.Name), force: false, CancellationToken.None);

        Assert.Equal(404, (await Assert.ThrowsAsync<KeyVaultException>(() => EncryptAsync(key))).Status);
    }

    private async Task<KeyDescription> CreateRsaAsync()
    {
        var bundle = await _client.CreateKeyAsync(
            KeyNames.Unique("cached-state"), new KeyCreateParameters { Kty = "RSA", KeySize = 2048 }, CancellationToken.None);
        return KeyDescription.From(bundle);
    }

    private async Task SetElsewhereAsync(KeyDescription key, object change) =>
        Assert.Equal(HttpStatusCode.OK, (await _elsewhere.SendAsync(HttpMethod.Patch, $"keys/{key.Name}/{key.Version}", change)).Status);

    private Task<EncryptionResult> EncryptAsync(KeyDescription key) =>
        _encryption.EncryptAsync(KeyIds.Parse(key.KeyId), Plaintext, default, new OperationTags(), CancellationToken.None);

    private Task<VerificationResult> VerifyAsync(KeyDescription key) =>
        _verification.VerifyAsync(KeyIds.Parse(key.KeyId), Plaintext, new byte[256], isPrehashed: false, default, new OperationTags(), CancellationToken.None);
}
