using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.KeyVault.Models;

namespace Supacrypt.Tests.Unit;

/// <summary>The breaker in front of every Key Vault call, on a fake clock and a vault the test answers by hand.</summary>
public sealed class CircuitBreakerPolicyTests : IDisposable
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan SlowCall = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ScriptedVault _vault = new();

    public void Dispose() => _vault.Dispose();

    [Fact]
    public async Task Half_open_admits_one_trial_call_and_fails_the_others_at_once()
    {
        var client = Create(failureThreshold: 1);
        _vault.Next(HttpStatusCode.ServiceUnavailable);
        await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client));
        Assert.Equal("CircuitOpen", (await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client))).ErrorCode);
        _time.Advance(BreakDuration);

        var trial = ListAsync(client);
        await _vault.Waiting.Task;
        var waiter = await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client).WaitAsync(NoHang));
        _vault.Next(HttpStatusCode.OK);
        await trial;
        _vault.Next(HttpStatusCode.OK);
        await ListAsync(client);

        Assert.Equal("CircuitOpen", waiter.ErrorCode);
        Assert.Equal(3, _vault.Requests);
    }

    [Fact]
    public async Task A_failed_trial_opens_the_breaker_again()
    {
        var client = Create(failureThreshold: 1);
        _vault.Next(HttpStatusCode.ServiceUnavailable);
        await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client));
        _time.Advance(BreakDuration);

        _vault.Next(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(503, (await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client))).Status);

        Assert.Equal("CircuitOpen", (await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client))).ErrorCode);
        Assert.Equal(2, _vault.Requests);
    }

    [Fact]
    public async Task A_vault_that_hangs_trips_the_breaker_even_when_every_caller_gives_up_before_the_network_timeout()
    {
        var client = Create(failureThreshold: 2);

        for (var call = 1; call <= 2; call++)
        {
            using var deadline = new CancellationTokenSource();
            var hanging = ListAsync(client, deadline.Token);
            await _vault.Waiting.Task;
            _time.Advance(SlowCall);
            await deadline.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);
            _vault.Reset();
        }

        var refused = await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client).WaitAsync(NoHang));
        Assert.Equal("CircuitOpen", refused.ErrorCode);
        Assert.Equal(2, _vault.Requests);
    }

    [Fact]
    public async Task A_caller_that_gives_up_at_once_is_not_held_against_the_vault()
    {
        var client = Create(failureThreshold: 1);
        using var deadline = new CancellationTokenSource();

        var abandoned = ListAsync(client, deadline.Token);
        await _vault.Waiting.Task;
        await deadline.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        _vault.Reset();
        _vault.Next(HttpStatusCode.OK);

        await ListAsync(client);
    }

    // The closed breaker's common path (no failure counted) takes no lock; a failure must still leave it.
    [Fact]
    public async Task Only_consecutive_failures_open_the_breaker()
    {
        var client = Create(failureThreshold: 2);
        foreach (var status in (HttpStatusCode[])[HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK])
        {
            _vault.Next(status);
            await AnswerAsync(client);
        }

        _vault.Next(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(503, (await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client))).Status);
        _vault.Next(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(503, (await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client))).Status);

        Assert.Equal("CircuitOpen", (await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client))).ErrorCode);
        Assert.Equal(6, _vault.Requests);
    }

    [Fact]
    public async Task A_breaker_its_trial_closed_counts_failures_from_zero_and_opens_again()
    {
        var client = Create(failureThreshold: 2);
        for (var i = 0; i < 2; i++)
        {
            _vault.Next(HttpStatusCode.ServiceUnavailable);
            await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client));
        }

        _time.Advance(BreakDuration);
        _vault.Next(HttpStatusCode.OK);
        await ListAsync(client);

        _vault.Next(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(503, (await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client))).Status);
        _vault.Next(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(503, (await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client))).Status);

        Assert.Equal("CircuitOpen", (await Assert.ThrowsAsync<KeyVaultException>(() => ListAsync(client))).ErrorCode);
        Assert.Equal(5, _vault.Requests);
    }

    // A call the vault answered: a success returns, a failure is the vault's own status, never the breaker's.
    private static async Task AnswerAsync(KeyVaultKeyClient client)
    {
        try
        {
            await ListAsync(client);
        }
        catch (KeyVaultException exception)
        {
            Assert.NotEqual("CircuitOpen", exception.ErrorCode);
        }
    }

    private KeyVaultKeyClient Create(int failureThreshold)
    {
        var options = new BreakerClientOptions { Transport = new HttpClientTransport(new HttpClient(_vault)) };
        options.Retry.MaxRetries = 0;
        var breaker = new CircuitBreakerPolicy(failureThreshold, BreakDuration, SlowCall, _time);
        return new KeyVaultKeyClient(HttpPipelineBuilder.Build(options, [breaker], [], new ResponseClassifier()), new Uri("https://contoso.vault.azure.net/"), "7.5");
    }

    private static Task<KeyListResult> ListAsync(KeyVaultKeyClient client, CancellationToken cancellationToken = default) =>
        client.ListKeysAsync(1, null, cancellationToken);

    private sealed class BreakerClientOptions : ClientOptions;

    /// <summary>Answers each request with the status the test set with <see cref="Next"/>, holding it until then.</summary>
    private sealed class ScriptedVault : HttpMessageHandler
    {
        private TaskCompletionSource<HttpStatusCode> _status = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _requests;

        public TaskCompletionSource Waiting { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Requests => Volatile.Read(ref _requests);

        public void Next(HttpStatusCode status) => _status.TrySetResult(status);

        public void Reset()
        {
            _status = new TaskCompletionSource<HttpStatusCode>(TaskCreationOptions.RunContinuationsAsynchronously);
            Waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            var status = _status;
            Waiting.TrySetResult();
            var answer = await status.Task.WaitAsync(cancellationToken);
            if (status == _status)
            {
                Reset();
            }

            return new HttpResponseMessage(answer) { Content = new StringContent("""{"value":[]}""", System.Text.Encoding.UTF8, "application/json") };
        }
    }
}
