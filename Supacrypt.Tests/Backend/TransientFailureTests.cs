using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Backend;

/// <summary>Failures a client should retry come back as gRPC status codes, never in-band and never as INTERNAL.</summary>
[Collection(BackendTests.Name)]
public sealed class TransientFailureTests(BackendFixture fixture) : IAsyncLifetime
{
    private static readonly ByteString Data = ByteString.CopyFromUtf8("transient");

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_resource_exhausted_with_retry_after()
    {
        var key = await fixture.SharedKeyAsync(TestKey.P256);
        await fixture.Emulator.InjectFaultAsync(429, count: 2, operation: "sign", retryAfterSeconds: 1);

        var failure = await Assert.ThrowsAsync<RpcException>(() => fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = Data }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        Assert.Equal("1000", failure.Trailers.GetValue("retry-after-ms"));
    }

    [Fact]
    public async Task One_throttled_answer_is_retried_after_retry_after_and_succeeds()
    {
        var key = await fixture.SharedKeyAsync(TestKey.P256);
        await fixture.Emulator.InjectFaultAsync(429, count: 1, operation: "sign", retryAfterSeconds: 1);

        var signed = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = Data });

        Assert.Equal(SignDataResponse.ResultOneofCase.Success, signed.ResultCase);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Key_vault_server_errors_are_unavailable(int status)
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);
        await fixture.Emulator.InjectFaultAsync(status, count: 2, operation: "decrypt");

        var failure = await Assert.ThrowsAsync<RpcException>(() => fixture.Client.DecryptDataAsync(new DecryptDataRequest
        {
            KeyId = key.Metadata.Name, Ciphertext = ByteString.CopyFrom(new byte[256]),
        }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public async Task A_key_vault_slower_than_the_network_timeout_is_deadline_exceeded()
    {
        await using var backend = StartedBackend.Start(fixture.Emulator.VaultUri, settings => settings["KeyVault:NetworkTimeout"] = "00:00:01");
        // Far beyond the timeout, so a loaded machine cannot let the emulator answer first.
        await fixture.Emulator.InjectFaultAsync(null, count: 2, operation: "get", delayMilliseconds: 20_000);

        var failure = await Assert.ThrowsAsync<RpcException>(() => backend.Client.GetKeyAsync(new GetKeyRequest { KeyId = KeyNames.Unique("slow") }).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
    }

    [Fact]
    public async Task A_client_deadline_shorter_than_key_vault_is_deadline_exceeded()
    {
        // Held, not delayed: the shared backend's key fetch outlives the caller's deadline, and a delayed request would
        // time out later and be retried into a fault a later test queued. Clearing the faults at the end releases it.
        await fixture.Emulator.HoldAsync("get", count: 1);

        var failure = await Assert.ThrowsAsync<RpcException>(() => fixture.Client.GetKeyAsync(
            new GetKeyRequest { KeyId = KeyNames.Unique("deadline") }, deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_key_vault_is_unavailable()
    {
        var closedVault = new Uri($"http://127.0.0.1:{BackendFixture.FreePort()}/");
        await using var backend = StartedBackend.Start(closedVault, _ => { });

        var failure = await Assert.ThrowsAsync<RpcException>(() => backend.Client.GetKeyAsync(new GetKeyRequest { KeyId = "anything" }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_key_vault_is_reported_without_its_host_or_port_but_with_a_trace_id()
    {
        var port = BackendFixture.FreePort();
        await using var backend = StartedBackend.Start(new Uri($"http://127.0.0.1:{port}/"), _ => { });

        var failure = await Assert.ThrowsAsync<RpcException>(() => backend.Client.GetKeyAsync(new GetKeyRequest { KeyId = "anything" }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", failure.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", failure.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("trace id [0-9a-f]{32}", failure.Status.Detail);
    }

    [Fact]
    public async Task After_repeated_failures_calls_fail_at_once_until_the_break_is_over()
    {
        var key = await fixture.SharedKeyAsync(TestKey.P256);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var backend = StartedBackend.Start(
            fixture.Emulator.VaultUri,
            settings =>
            {
                settings["KeyVault:MaxRetries"] = "0";
                settings["KeyVault:CircuitBreakerFailures"] = "2";
                settings["KeyVault:CircuitBreakDuration"] = "00:01:00";
            },
            services: services => services.AddSingleton<TimeProvider>(clock));
        var request = new SignDataRequest { KeyId = key.Metadata.Name, Data = Data };
        await fixture.Emulator.InjectFaultAsync(503, count: 3, operation: "sign");

        var first = await Assert.ThrowsAsync<RpcException>(() => backend.Client.SignDataAsync(request).ResponseAsync);
        var second = await Assert.ThrowsAsync<RpcException>(() => backend.Client.SignDataAsync(request).ResponseAsync);
        var shortCircuited = await Assert.ThrowsAsync<RpcException>(() => backend.Client.SignDataAsync(request).ResponseAsync);
        await fixture.Emulator.ClearFaultsAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var recovered = await backend.Client.SignDataAsync(request);

        Assert.All(new[] { first, second, shortCircuited }, failure => Assert.Equal(StatusCode.Unavailable, failure.StatusCode));
        Assert.DoesNotContain("paused", second.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("paused", shortCircuited.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(SignDataResponse.ResultOneofCase.Success, recovered.ResultCase);
    }

    public Task InitializeAsync() => fixture.Emulator.ClearFaultsAsync();

    public Task DisposeAsync() => fixture.Emulator.ClearFaultsAsync();
}
