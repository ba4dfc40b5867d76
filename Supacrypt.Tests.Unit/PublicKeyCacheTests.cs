using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.KeyVault.Models;
using Supacrypt.Tests.Infrastructure;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Supacrypt.Tests.Unit;

/// <summary>One emulator without authentication for the cache tests; each test uses its own key names.</summary>
public sealed class OpenEmulator : IAsyncLifetime, IDisposable
{
    public EmulatorFixture Emulator { get; } = EmulatorFixture.WithSettings(new Dictionary<string, string?> { ["Emulator:RequireAuthentication"] = "false" });

    public Task InitializeAsync() => Emulator.InitializeAsync();

    public Task DisposeAsync() => Emulator.DisposeAsync();

    public void Dispose() => Emulator.Dispose();
}

/// <summary>Counts the GET requests the pipeline sends, and can slow them down or fail them like a broken network.</summary>
internal sealed class CountingPolicy : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<string> _gets = new();
    private int _failuresToInject;
    private int _timeoutsToInject;
    private TaskCompletionSource? _gate;

    /// <summary>A synchronous pause before the request leaves, as a slow policy or token acquisition would add.</summary>
    public TimeSpan SynchronousDelay { get; set; }

    public int Gets(string name) => _gets.Count(path => path.StartsWith($"/keys/{name}", StringComparison.OrdinalIgnoreCase));

    public void FailNext(int count) => Volatile.Write(ref _failuresToInject, count);

    /// <summary>The next requests end as Azure.Core ends one that hit its network timeout: a TaskCanceledException.</summary>
    public void TimeOutNext(int count) => Volatile.Write(ref _timeoutsToInject, count);

    /// <summary>Holds every asynchronous request until <see cref="Release"/>; <see cref="Held"/> completes when one arrives.</summary>
    public void Hold()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public TaskCompletionSource Held { get; private set; } = new();

    public void Release() => _gate?.TrySetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Before(message);
        if (_gate is { } gate)
        {
            Held.TrySetResult();
            await gate.Task.WaitAsync(message.CancellationToken);
        }

        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Before(message);
        ProcessNext(message, pipeline);
    }

    private void Before(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Get)
        {
            _gets.Enqueue(message.Request.Uri.Path);
        }

        if (SynchronousDelay > TimeSpan.Zero)
        {
            Thread.Sleep(SynchronousDelay);
        }

        if (Interlocked.Decrement(ref _failuresToInject) >= 0)
        {
            throw new RequestFailedException("Simulated: the connection to Key Vault was refused.");
        }

        if (Interlocked.Decrement(ref _timeoutsToInject) >= 0)
        {
            throw new TaskCanceledException("Simulated: the request to Key Vault timed out.");
        }
    }
}

public sealed class PublicKeyCacheTests(OpenEmulator fixture) : IClassFixture<OpenEmulator>
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero));
    private readonly CountingPolicy _counter = new();

    [Fact]
    public async Task A_versionless_entry_is_reused_until_the_latest_version_cache_duration_has_passed()
    {
        var (client, cache) = Create();
        var name = KeyNames.Unique("cache-latest");
        var first = await CreateKeyAsync(client, name);

        Assert.Equal(first.Key.Kid, Kid(await cache.GetAsync(name, null, CancellationToken.None)));
        var second = await CreateKeyAsync(client, name);
        _time.Advance(CacheDuration - TimeSpan.FromMilliseconds(1));
        Assert.Equal(first.Key.Kid, Kid(await cache.GetAsync(name, null, CancellationToken.None)));
        Assert.Equal(1, _counter.Gets(name));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(second.Key.Kid, Kid(await cache.GetAsync(name, null, CancellationToken.None)));
        Assert.Equal(2, _counter.Gets(name));
        Assert.Equal(second.Key.Kid, Kid(await cache.GetAsync(name.ToUpperInvariant(), null, CancellationToken.None)));
        Assert.Equal(2, _counter.Gets(name));
    }

    [Fact]
    public async Task A_versions_public_key_is_built_once_but_its_attributes_are_read_again_after_the_bound()
    {
        var (client, cache) = Create();
        var name = KeyNames.Unique("cache-pinned");
        var old = KeyIdentifier.VersionOf((await CreateKeyAsync(client, name)).Key.Kid)!;
        var latest = KeyIdentifier.VersionOf((await CreateKeyAsync(client, name)).Key.Kid)!;

        var first = await cache.GetAsync(name, old, CancellationToken.None);
        var viaName = await cache.GetAsync(name, null, CancellationToken.None);
        Assert.Same(viaName.PublicKey, (await cache.GetAsync(name, latest, CancellationToken.None)).PublicKey);
        Assert.Equal(2, _counter.Gets(name));

        _time.Advance(CacheDuration);
        var refreshed = await cache.GetAsync(name, old, CancellationToken.None);
        Assert.Equal(3, _counter.Gets(name));
        Assert.EndsWith(old, Kid(refreshed), StringComparison.Ordinal);
        Assert.Same(first.PublicKey, refreshed.PublicKey);
        Assert.Equal(1, refreshed.PublicKey.BuiltCount);
    }

    [Fact]
    public async Task Evict_forgets_every_version_of_that_key_and_no_other()
    {
        var (client, cache) = Create();
        var name = KeyNames.Unique("cache-evict");
        var longer = name + "-x";
        var version = KeyIdentifier.VersionOf((await CreateKeyAsync(client, name)).Key.Kid)!;
        await CreateKeyAsync(client, longer);
        await cache.GetAsync(name, null, CancellationToken.None);
        await cache.GetAsync(name, version, CancellationToken.None);
        await cache.GetAsync(longer, null, CancellationToken.None);
        Assert.Equal(1, _counter.Gets(name + "/"));
        Assert.Equal(1, _counter.Gets(longer));

        cache.Evict(name.ToUpperInvariant());

        await cache.GetAsync(name, null, CancellationToken.None);
        await cache.GetAsync(longer, null, CancellationToken.None);
        Assert.Equal(2, _counter.Gets(name + "/"));
        Assert.Equal(1, _counter.Gets(longer));
        cache.Evict(name);
        await cache.GetAsync(name, version, CancellationToken.None);
        Assert.Equal(3, _counter.Gets(name + "/"));
    }

    [Fact]
    public async Task Callers_arriving_while_a_fetch_is_under_way_share_it()
    {
        var (client, cache) = Create();
        var name = KeyNames.Unique("cache-share");
        await CreateKeyAsync(client, name);

        var bundles = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cache.GetAsync(name, null, CancellationToken.None)));

        Assert.Single(bundles.Select(Kid).Distinct());
        Assert.Equal(1, _counter.Gets(name));
    }

    [Fact]
    public async Task Concurrent_misses_make_one_key_vault_call()
    {
        var (client, cache) = Create();
        var name = KeyNames.Unique("cache-race");
        await CreateKeyAsync(client, name);
        _counter.SynchronousDelay = TimeSpan.FromMilliseconds(100);

        var bundles = await RaceAsync(8, () => cache.GetAsync(name, null, CancellationToken.None));

        Assert.Single(bundles.Select(Kid).Distinct());
        Assert.Equal(1, _counter.Gets(name));
    }

    [Fact]
    public async Task Concurrent_refreshes_of_an_expired_entry_make_one_key_vault_call()
    {
        var (client, cache) = Create();
        var name = KeyNames.Unique("cache-refresh");
        await CreateKeyAsync(client, name);
        await cache.GetAsync(name, null, CancellationToken.None);
        _time.Advance(CacheDuration);
        _counter.SynchronousDelay = TimeSpan.FromMilliseconds(100);

        await RaceAsync(8, () => cache.GetAsync(name, null, CancellationToken.None));

        Assert.Equal(2, _counter.Gets(name));
    }

    [Fact]
    public async Task A_key_vault_refusal_is_not_cached()
    {
        var (client, cache) = Create();
        var name = KeyNames.Unique("cache-missing");

        Assert.Equal(404, (await Assert.ThrowsAsync<KeyVaultException>(() => cache.GetAsync(name, null, CancellationToken.None))).Status);
        var created = await CreateKeyAsync(client, name);

        Assert.Equal(created.Key.Kid, Kid(await cache.GetAsync(name, null, CancellationToken.None)));
    }

    // A connection failure is as transient as a 503, and Azure.Core ends a request that hit its network timeout as
    // cancelled rather than faulted (with MaxRetries=0 one is enough): neither may leave a pinned version broken.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failed_or_timed_out_fetch_is_not_cached(bool timedOut)
    {
        var (client, cache) = Create();
        var name = KeyNames.Unique("cache-network");
        var version = KeyIdentifier.VersionOf((await CreateKeyAsync(client, name)).Key.Kid)!;
        Action<int> breakNext = timedOut ? _counter.TimeOutNext : _counter.FailNext;

        breakNext(1);
        await Assert.ThrowsAnyAsync<Exception>(() => cache.GetAsync(name, version, CancellationToken.None));
        breakNext(1);
        await Assert.ThrowsAnyAsync<Exception>(() => cache.GetAsync(name, null, CancellationToken.None));

        Assert.EndsWith(version, Kid(await cache.GetAsync(name, version, CancellationToken.None)), StringComparison.Ordinal);
        Assert.EndsWith(version, Kid(await cache.GetAsync(name, null, CancellationToken.None)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiter_that_gives_up_does_not_cancel_the_fetch_for_the_others()
    {
        var (client, cache) = Create();
        var name = KeyNames.Unique("cache-cancel");
        await CreateKeyAsync(client, name);
        using var givesUp = new CancellationTokenSource();
        _counter.Hold();

        var abandoned = cache.GetAsync(name, null, givesUp.Token);
        await _counter.Held.Task;
        var patient = cache.GetAsync(name, null, CancellationToken.None);
        await givesUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        _counter.Release();

        Assert.Equal(name, KeyIdentifier.NameOf(Kid(await patient)));
        Assert.Equal(name, KeyIdentifier.NameOf(Kid(await cache.GetAsync(name, null, CancellationToken.None))));
        Assert.Equal(1, _counter.Gets(name));
    }

    [Fact]
    public async Task A_fetch_under_way_when_the_key_is_evicted_does_not_put_it_back()
    {
        var (client, cache) = Create();
        var name = KeyNames.Unique("cache-evict-race");
        var version = KeyIdentifier.VersionOf((await CreateKeyAsync(client, name)).Key.Kid)!;
        _counter.Hold();

        var racing = cache.GetAsync(name, null, CancellationToken.None);
        await _counter.Held.Task;
        cache.Evict(name);
        _counter.Release();
        await racing;
        await cache.GetAsync(name, version, CancellationToken.None);

        Assert.Equal(2, _counter.Gets(name));
    }

    private static string Kid(CachedKey key) => key.Description.Bundle.Key.Kid!;

    private (KeyVaultKeyClient Client, PublicKeyCache Cache) Create()
    {
        var client = new KeyVaultKeyClient(TestPipelines.Build(_counter), fixture.Emulator.VaultUri, "7.5");
        var cache = new PublicKeyCache(client, MsOptions.Create(new KeyVaultOptions { LatestVersionCacheDuration = CacheDuration }), _time);
        return (client, cache);
    }

    private static Task<KeyBundle> CreateKeyAsync(KeyVaultKeyClient client, string name) =>
        client.CreateKeyAsync(name, new KeyCreateParameters { Kty = "EC", Crv = "P-256" }, CancellationToken.None);

    /// <summary>Starts <paramref name="count"/> calls on their own threads at the same moment.</summary>
    private static async Task<T[]> RaceAsync<T>(int count, Func<Task<T>> call)
    {
        using var start = new Barrier(count);
        var calls = Enumerable.Range(0, count).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return call();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToArray();
        return await Task.WhenAll(calls);
    }
}
