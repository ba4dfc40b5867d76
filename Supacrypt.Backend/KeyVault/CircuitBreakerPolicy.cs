using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Supacrypt.Backend.KeyVault;

public enum CircuitBreakerState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// One breaker for every Key Vault request, judging each attempt by its own outcome: after
/// <see cref="KeyVaultOptions.CircuitBreakerFailures"/> consecutive attempts fail with a server error, an attempt
/// timeout or no connection, requests fail at once for <see cref="KeyVaultOptions.CircuitBreakDuration"/> instead of
/// piling onto a vault that is down. Then exactly one trial attempt is let through while the others keep failing at
/// once: its success closes the breaker, its failure opens it again. It sits inside the retry policy and behind the
/// concurrency limit, so neither the wait for a slot nor the wait for a <c>Retry-After</c> is ever part of what it
/// judges; throttling (429) is Key Vault working as designed and counts as an answer. A caller that gives up is no
/// outcome of the vault's, except that an attempt already on the wire for
/// <see cref="KeyVaultOptions.CircuitBreakerSlowCall"/> counts as a slow (timed-out) attempt, so a vault that hangs
/// trips the breaker even when every caller's deadline is shorter than the network timeout.
/// </summary>
public sealed class CircuitBreakerPolicy(int failureThreshold, TimeSpan breakDuration, TimeSpan slowCall, TimeProvider time) : HttpPipelinePolicy
{
    private readonly Lock _gate = new();
    private int _consecutiveFailures;
    private DateTimeOffset? _openUntil;
    private bool _trialInFlight;

    // Closed with no failure counted: the state of nearly every request, read and kept without the lock, which only
    // a failure or a change of state takes. A request that reads it just before another's failure is recorded is
    // one that was admitted (or succeeded) just before that failure: the same order the lock could have given.
    private volatile bool _healthy = true;

    private enum Outcome
    {
        Success,
        Failure,
        NotJudged,
    }

    public CircuitBreakerState State
    {
        get
        {
            lock (_gate)
            {
                return _openUntil is not { } until ? CircuitBreakerState.Closed
                    : time.GetUtcNow() < until ? CircuitBreakerState.Open
                    : CircuitBreakerState.HalfOpen;
            }
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, isAsync: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, isAsync: true);

    // One body for Azure.Core's two entry points; the synchronous one never suspends, so its result is ready.
    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool isAsync)
    {
        var isTrial = Admit();
        var started = time.GetTimestamp();
        var outcome = Outcome.NotJudged;
        try
        {
            if (isAsync)
            {
                await ProcessNextAsync(message, pipeline);
            }
            else
            {
                ProcessNext(message, pipeline);
            }

            outcome = Judge(message.Response);
        }
        catch (Exception exception)
        {
            outcome = Judge(exception, started, message.CancellationToken);
            throw;
        }
        finally
        {
            Record(outcome, isTrial);
        }
    }

    private static Outcome Judge(Response response) => response.Status is 408 or >= 500 ? Outcome.Failure : Outcome.Success;

    private Outcome Judge(Exception exception, long started, CancellationToken callerToken) => exception switch
    {
        RequestFailedException => Outcome.Failure,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.All(inner => Judge(inner, started, callerToken) == Outcome.Failure)
            ? Outcome.Failure
            : Outcome.NotJudged,
        OperationCanceledException when !callerToken.IsCancellationRequested => Outcome.Failure,
        OperationCanceledException when time.GetElapsedTime(started) >= slowCall => Outcome.Failure,
        _ => Outcome.NotJudged,
    };

    // Returns whether this call is the half-open breaker's one trial.
    private bool Admit()
    {
        if (_healthy)
        {
            return false;
        }

        lock (_gate)
        {
            if (_openUntil is not { } until)
            {
                return false;
            }

            if (time.GetUtcNow() < until)
            {
                throw Open($"Key Vault failed {_consecutiveFailures} times in a row; calls to it are paused until {until:O}.");
            }

            if (_trialInFlight)
            {
                throw Open("Key Vault failed repeatedly; one trial call is under way and the others wait for its outcome.");
            }

            _trialInFlight = true;
            return true;
        }
    }

    private static KeyVaultException Open(string message) => new(503, "CircuitOpen", message);

    private void Record(Outcome outcome, bool isTrial)
    {
        if (_healthy && outcome != Outcome.Failure)
        {
            return;
        }

        lock (_gate)
        {
            if (isTrial)
            {
                _trialInFlight = false;
            }

            switch (outcome)
            {
                case Outcome.Success:
                    _consecutiveFailures = 0;
                    _openUntil = null;
                    break;
                case Outcome.Failure:
                    _consecutiveFailures++;
                    if (isTrial || _consecutiveFailures >= failureThreshold)
                    {
                        _openUntil = time.GetUtcNow() + breakDuration;
                    }

                    break;
            }

            _healthy = _openUntil is null && _consecutiveFailures == 0 && !_trialInFlight;
        }
    }
}
