using Google.Protobuf;
using Grpc.Core;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Backend;

/// <summary>The Key Vault circuit breaker judges attempts, not callers: throttling and impatient callers are no outage.</summary>
[Collection(BackendTests.Name)]
public sealed class ThrottledCallerTests(BackendFixture fixture) : IAsyncLifetime
{
    private const int Callers = 8;

    [Fact]
    public async Task Callers_giving_up_while_key_vault_throttles_never_open_the_circuit_breaker()
    {
        var key = await fixture.SharedKeyAsync(TestKey.P256);
        await using var backend = StartedBackend.Start(fixture.Emulator.VaultUri, settings => settings["KeyVault:CircuitBreakerFailures"] = "5");
        var request = new SignDataRequest { KeyId = key.Metadata.Name, Data = ByteString.CopyFromUtf8("throttled") };
        await fixture.Emulator.InjectFaultAsync(429, count: Callers, operation: "sign", retryAfterSeconds: 3);

        // Each caller's sign is throttled and the backend waits out Retry-After: 3 s, longer than the caller waits.
        var abandoned = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Assert.ThrowsAsync<RpcException>(() =>
            backend.Client.SignDataAsync(request, deadline: DateTime.UtcNow.AddSeconds(2.5)).ResponseAsync)));
        await fixture.Emulator.ClearFaultsAsync();
        var next = await backend.Client.SignDataAsync(request);

        Assert.All(abandoned, failure => Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode));
        Assert.Equal(SignDataResponse.ResultOneofCase.Success, next.ResultCase);
    }

    public Task InitializeAsync() => fixture.Emulator.ClearFaultsAsync();

    public Task DisposeAsync() => fixture.Emulator.ClearFaultsAsync();
}
