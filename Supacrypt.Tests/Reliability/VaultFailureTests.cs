using Google.Protobuf;
using Grpc.Core;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Reliability;

/// <summary>
/// A backend under load while Key Vault throttles, fails, slows down or drops connections: every call succeeds or is
/// told to retry with a documented status, nothing is logged as an unexplained error, and service comes back by
/// itself once the vault does.
/// </summary>
[Collection(ReliabilityTests.Name)]
public sealed class VaultFailureTests : IAsyncLifetime, IDisposable
{
    private static readonly ByteString Data = ByteString.CopyFromUtf8("reliability");
    private readonly EmulatorFixture _emulator = EmulatorFixture.WithSettings(new Dictionary<string, string?> { ["Emulator:RequireAuthentication"] = "false" });
    private readonly ErrorLogs _errors = new();
    private StartedBackend _backend = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        await _emulator.InitializeAsync();
        _backend = StartBackend(_ => { });
        _key = (await _backend.Client.CreateAsync(TestKey.P256)).Metadata.Name;
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    public void Dispose()
    {
        _errors.Dispose();
        _emulator.Dispose();
    }

    [Fact]
    public async Task A_429_storm_is_resource_exhausted_with_retry_after_ms_and_service_recovers()
    {
        await _emulator.InjectFaultAsync(429, count: 5_000, operation: "sign", retryAfterSeconds: 30);

        var outcomes = new CallOutcomes();
        await Task.WhenAll(Enumerable.Range(0, 48).Select(_ => outcomes.RecordAsync(async () =>
        {
            var failure = await Assert.ThrowsAsync<RpcException>(() => SignAsync());
            Assert.Equal("30000", failure.Trailers.GetValue("retry-after-ms"));
            throw failure;
        })));

        Assert.Equal(48, outcomes[nameof(StatusCode.ResourceExhausted)]);
        await AssertRecoversAsync();
    }

    [Fact]
    public async Task Throttling_waited_out_within_the_retries_succeeds()
    {
        // A call fails only if all three of its attempts draw a 429, i.e. if other calls' first requests reach the vault
        // two Retry-Afters after its own. At 1 s a stall of a loaded machine could spread them that far; at 3 s (within
        // MaxRetryAfter's 5 s) they would have to be 6 s apart.
        await _emulator.InjectFaultAsync(429, count: 16, operation: "sign", retryAfterSeconds: 3);

        var outcomes = await LoadRunner.RunAsync(16, 16, SignAsync);

        Assert.Equal(16, outcomes[CallOutcomes.Ok]);
    }

    [Fact]
    public async Task Bursts_of_500_and_503_are_unavailable_at_worst_and_service_recovers()
    {
        // The breaker judges each attempt, so at a 60 % error rate five failed attempts in a row open it within the
        // first calls and every later call is UNAVAILABLE: this test is about retries absorbing bursts, so its breaker
        // is out of reach (the breaker has tests of its own).
        await using var tolerant = StartBackend(settings => settings["KeyVault:CircuitBreakerFailures"] = "100000");
        await _emulator.SetLoadAsync(new { errorRate = 0.6 });

        var outcomes = await LoadRunner.RunAsync(120, 8, () => SignAsync(tolerant, CancellationToken.None));

        outcomes.AssertOnlySuccessOrRetry();
        Assert.True(outcomes[CallOutcomes.Ok] > 0, outcomes.ToString());
        await AssertRecoversAsync(tolerant);
    }

    [Fact]
    public async Task A_vault_slower_than_the_attempt_timeout_is_deadline_exceeded_or_unavailable_and_service_recovers()
    {
        await using var impatient = StartBackend(settings => settings["KeyVault:NetworkTimeout"] = "00:00:02");
        await _emulator.SetLoadAsync(new { latencyMilliseconds = 10_000 });

        var outcomes = await LoadRunner.RunAsync(24, 8, () => SignAsync(impatient, CancellationToken.None));

        outcomes.AssertOnlySuccessOrRetry();
        Assert.Equal(0, outcomes[CallOutcomes.Ok]);
        await AssertRecoversAsync(impatient);
    }

    [Fact]
    public async Task Dropped_connections_are_unavailable_at_worst_and_service_recovers()
    {
        await _emulator.SetLoadAsync(new { dropRate = 0.7 });

        var outcomes = await LoadRunner.RunAsync(60, 8, SignAsync);

        outcomes.AssertOnlySuccessOrRetry();
        await AssertRecoversAsync();
    }

    [Fact]
    public async Task Clients_cancelling_mid_call_get_cancelled_and_leave_the_backend_serving()
    {
        const int Calls = 12;
        await using var patient = StartBackend(settings => settings["KeyVault:NetworkTimeout"] = "00:05:00");
        await _emulator.HoldAsync("sign", Calls);
        using var cancel = new CancellationTokenSource();
        var outcomes = new CallOutcomes();
        var calls = Enumerable.Range(0, Calls).Select(_ => outcomes.RecordAsync(() => SignAsync(patient, cancel.Token))).ToArray();
        await LoadRunner.WaitUntilAsync(async () => await _emulator.HeldAsync() == Calls, "every call is in flight at the vault");

        await cancel.CancelAsync();
        await Task.WhenAll(calls);

        Assert.Equal(Calls, outcomes[nameof(StatusCode.Cancelled)]);
        await AssertRecoversAsync();
    }

    [Fact]
    public async Task A_client_cancelling_while_a_failed_attempt_is_retried_gets_cancelled()
    {
        await using var patient = StartBackend(settings => settings["KeyVault:NetworkTimeout"] = "00:05:00");
        await _emulator.DropAsync("sign", 1);
        await _emulator.HoldAsync("sign", 1);
        using var cancel = new CancellationTokenSource();
        var outcomes = new CallOutcomes();
        var call = outcomes.RecordAsync(() => SignAsync(patient, cancel.Token));
        // Both faults taken and one request held: the first attempt lost its connection and the retry is in flight.
        await LoadRunner.WaitUntilAsync(async () => await _emulator.FaultCountsAsync() == (0, 1), "the retry is in flight at the vault");

        await cancel.CancelAsync();
        await call;

        Assert.Equal(1, outcomes[nameof(StatusCode.Cancelled)]);
        await AssertRecoversAsync();
    }

    private StartedBackend StartBackend(Action<Dictionary<string, string?>> configure) => StartedBackend.Start(_emulator.VaultUri, settings =>
    {
        settings["KeyVault:MaxRetries"] = "2";
        settings["KeyVault:CircuitBreakDuration"] = "00:00:00.500";
        configure(settings);
    }, _errors);

    private Task<string?> SignAsync() => SignAsync(_backend, CancellationToken.None);

    private async Task<string?> SignAsync(StartedBackend backend, CancellationToken cancellationToken)
    {
        var response = await backend.Client.SignDataAsync(new SignDataRequest { KeyId = _key, Data = Data }, cancellationToken: cancellationToken);
        return response.ResultCase == SignDataResponse.ResultOneofCase.Success ? null : response.Error.Code.ToString();
    }

    // Recovery without intervention: once the vault is healthy again, calls succeed (the breaker closes by itself),
    // and nothing along the way was an unexplained error.
    private Task AssertRecoversAsync() => AssertRecoversAsync(_backend);

    private async Task AssertRecoversAsync(StartedBackend backend)
    {
        await _emulator.ClearFaultsAsync();
        await LoadRunner.WaitUntilAsync(async () => await SignOutcomeAsync(backend) == CallOutcomes.Ok, "signing works again");

        var outcomes = await LoadRunner.RunAsync(16, 8, () => SignAsync(backend, CancellationToken.None));

        Assert.Equal(16, outcomes[CallOutcomes.Ok]);
        Assert.True(_errors.Entries.Count == 0, string.Join(Environment.NewLine, _errors.Entries));
    }

    private async Task<string> SignOutcomeAsync(StartedBackend backend)
    {
        var outcomes = new CallOutcomes();
        await outcomes.RecordAsync(() => SignAsync(backend, CancellationToken.None));
        return outcomes.Seen.Single();
    }
}
