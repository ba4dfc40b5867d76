using System.Collections.Concurrent;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Grpc;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.Telemetry;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Unit;

/// <summary>GenerateKey against Key Vault answers and races the shared emulator fixture does not give.</summary>
public sealed class KeyGenerationTests(OpenEmulator fixture) : IClassFixture<OpenEmulator>
{
    private static readonly Dictionary<string, string> NoTags = [];

    [Fact]
    public async Task A_disabled_key_that_key_vault_will_not_read_still_takes_its_name()
    {
        var handler = new CannedHandler(
            HttpStatusCode.Forbidden,
            """{"error":{"code":"Forbidden","message":"Operation get is not allowed on a disabled key.","innererror":{"code":"KeyDisabled"}}}""");
        var client = new KeyVaultKeyClient(TestPipelines.Build(handler: handler), new Uri("https://contoso.vault.azure.net/"), "7.5");

        var refusal = await Assert.ThrowsAsync<KeyOperationException>(() =>
            Generation(client).GenerateAsync("taken", RequestMapping.ToKeyRequest(KeyAlgorithm.Ecc, null), NoTags, [], new OperationTags(), CancellationToken.None));

        Assert.Equal(KeyError.KeyAlreadyExists, refusal.Code);
        Assert.DoesNotContain(handler.Requests, request => request.AbsolutePath.EndsWith("/create", StringComparison.Ordinal));
    }

    // Replica B checks and creates while replica A is between its own check and create: both find the name free.
    [Fact]
    public async Task Of_two_replicas_that_both_create_one_new_name_only_the_first_version_succeeds()
    {
        var name = KeyNames.Unique("race");
        var replicaB = Generation(Client(new CreateHook()));
        Task<GeneratedKey>? created = null;
        var hook = new CreateHook { BeforeCreate = () => created = replicaB.GenerateAsync(name, RequestMapping.ToKeyRequest(KeyAlgorithm.Ecc, null), NoTags, [], new OperationTags(), CancellationToken.None) };
        var replicaA = Generation(Client(hook));

        var refusal = await Assert.ThrowsAsync<KeyOperationException>(() =>
            replicaA.GenerateAsync(name, RequestMapping.ToKeyRequest(KeyAlgorithm.Ecc, null), NoTags, [], new OperationTags(), CancellationToken.None));
        var winner = await created!;

        Assert.Equal(KeyError.KeyAlreadyExists, refusal.Code);
        Assert.Equal(winner.Key.KeyId, refusal.Context["key_id"]);
        Assert.Equal(1, hook.Creates);
    }

    [Fact]
    public async Task The_replica_that_loses_a_create_race_disables_its_version_so_unversioned_calls_never_use_it()
    {
        var name = KeyNames.Unique("race-loser");
        var client = Client(new CreateHook());
        var replicaB = Generation(client);
        Task<GeneratedKey>? created = null;
        var replicaA = Generation(Client(new CreateHook { BeforeCreate = () => created = replicaB.GenerateAsync(name, RequestMapping.ToKeyRequest(KeyAlgorithm.Ecc, null), NoTags, [], new OperationTags(), CancellationToken.None) }));

        await Assert.ThrowsAsync<KeyOperationException>(() => replicaA.GenerateAsync(name, RequestMapping.ToKeyRequest(KeyAlgorithm.Ecc, null), NoTags, [], new OperationTags(), CancellationToken.None));
        var winner = await created!;
        var versions = (await client.ListKeyVersionsAsync(name, 25, CancellationToken.None)).Value;

        Assert.Equal(2, versions.Count);
        Assert.All(versions, version => Assert.Equal(
            KeyIdentifier.VersionOf(version.Kid) == winner.Key.Version, version.Attributes.Enabled));
    }

    [Fact]
    public async Task Concurrent_calls_in_one_replica_for_one_new_name_send_one_create()
    {
        var name = KeyNames.Unique("serial");
        var hook = new CreateHook { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var generation = Generation(Client(hook));

        var first = generation.GenerateAsync(name, RequestMapping.ToKeyRequest(KeyAlgorithm.Ecc, null), NoTags, [], new OperationTags(), CancellationToken.None);
        await hook.CreateArrived.Task;
        var second = generation.GenerateAsync(name, RequestMapping.ToKeyRequest(KeyAlgorithm.Ecc, null), NoTags, [], new OperationTags(), CancellationToken.None);
        // Without serialisation the second call checks the name now and finds it free; wait for that or a while.
        await Task.WhenAny(hook.SecondGetArrived.Task, Task.Delay(TimeSpan.FromSeconds(1)));
        hook.Hold.SetResult();

        await first;
        var refusal = await Assert.ThrowsAsync<KeyOperationException>(() => second);
        Assert.Equal(KeyError.KeyAlreadyExists, refusal.Code);
        Assert.Equal(1, hook.Creates);
    }

    [Fact]
    public async Task Exponent_three_on_a_vault_is_refused_before_anything_is_created()
    {
        var hook = new CreateHook();
        var parameters = new KeyParameters { RsaParams = new Supacrypt.V1.RSAParameters { KeySize = RSAKeySize._2048, PublicExponent = 3 } };

        var refusal = await Assert.ThrowsAsync<KeyOperationException>(() =>
            Generation(Client(hook)).GenerateAsync(KeyNames.Unique("e3"), RequestMapping.ToKeyRequest(KeyAlgorithm.Rsa, parameters), NoTags, [], new OperationTags(), CancellationToken.None));

        Assert.Equal(KeyError.InvalidRequest, refusal.Code);
        Assert.Contains("Managed HSM", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, hook.Creates);
    }

    private KeyVaultKeyClient Client(HttpPipelinePolicy policy) =>
        new(TestPipelines.Build(policy), fixture.Emulator.VaultUri, "7.5");

    private static KeyGeneration Generation(KeyVaultKeyClient client)
    {
        var options = Options.Create(new KeyVaultOptions());
        var cache = new PublicKeyCache(client, options, TimeProvider.System);
        return new KeyGeneration(client, cache, options, new KeyCreateRace(client, cache, NullLogger<KeyCreateRace>.Instance), new KeyNameLocks());
    }

    /// <summary>Runs code as a create request leaves, can hold it, and counts creates and name checks.</summary>
    private sealed class CreateHook : HttpPipelinePolicy
    {
        private readonly ConcurrentQueue<string> _gets = new();
        private int _creates;

        public Func<Task>? BeforeCreate { get; init; }

        public TaskCompletionSource? Hold { get; init; }

        public TaskCompletionSource CreateArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SecondGetArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Creates => Volatile.Read(ref _creates);

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var path = message.Request.Uri.Path;
            if (message.Request.Method == RequestMethod.Post && path.EndsWith("/create", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _creates);
                CreateArrived.TrySetResult();
                if (BeforeCreate is not null)
                {
                    await BeforeCreate();
                }

                if (Hold is not null)
                {
                    await Hold.Task;
                }
            }
            else if (message.Request.Method == RequestMethod.Get && !path.EndsWith("/versions", StringComparison.Ordinal))
            {
                _gets.Enqueue(path);
                if (_gets.Count >= 2)
                {
                    SecondGetArrived.TrySetResult();
                }
            }

            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The key client is asynchronous.");
    }
}
