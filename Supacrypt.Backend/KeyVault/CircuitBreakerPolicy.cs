using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.KeyVault;

/// <summary>
/// One breaker for every Key Vault call: after <see cref="KeyVaultOptions.CircuitBreakerFailures"/> consecutive calls
/// fail with a server error, a timeout or no connection (after their retries), calls fail at once for
/// <see cref="KeyVaultOptions.CircuitBreakDuration"/> instead of piling onto a vault that is down. Then one call
/// is let through: its success closes the breaker, its failure opens it again. Throttling (429) is Key Vault
/// working as designed and does not count.
/// </summary>
internal sealed class CircuitBreakerPolicy(int failureThreshold, TimeSpan breakDuration, TimeProvider time) : HttpPipelinePolicy
{
    private readonly Lock _gate = new();
    private int _consecutiveFailures;
    private DateTimeOffset? _openUntil;

    /// <summary>For the circuit-state metric: half open once the pause is over and before a call has been judged.</summary>
    public CircuitState State
    {
        get
        {
            lock (_gate)
            {
                return _openUntil is not { } until ? CircuitState.Closed : time.GetUtcNow() < until ? CircuitState.Open : CircuitState.HalfOpen;
            }
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfOpen();
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception exception) when (IsTransient(exception, message.CancellationToken))
        {
            Record(failed: true);
            throw;
        }

        Record(failed: IsServerFailure(message.Response));
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfOpen();
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (Exception exception) when (IsTransient(exception, message.CancellationToken))
        {
            Record(failed: true);
            throw;
        }

        Record(failed: IsServerFailure(message.Response));
    }

    private static bool IsServerFailure(Response response) => response.Status is 408 or >= 500;

    private void ThrowIfOpen()
    {
        lock (_gate)
        {
            if (_openUntil is { } until && time.GetUtcNow() < until)
            {
                throw new KeyVaultException(
                    503,
                    "CircuitOpen",
                    $"Key Vault failed {_consecutiveFailures} times in a row; calls to it are paused until {until:O}.");
            }
        }
    }

    private void Record(bool failed)
    {
        lock (_gate)
        {
            if (!failed)
            {
                _consecutiveFailures = 0;
                _openUntil = null;
                return;
            }

            _consecutiveFailures++;
            if (_consecutiveFailures >= failureThreshold)
            {
                _openUntil = time.GetUtcNow() + breakDuration;
            }
        }
    }

    private static bool IsTransient(Exception exception, CancellationToken callerToken) => exception switch
    {
        RequestFailedException => true,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.All(inner => IsTransient(inner, callerToken)),
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };
}
