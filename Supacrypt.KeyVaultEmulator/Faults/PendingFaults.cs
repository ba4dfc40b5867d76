using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Faults;

/// <summary>Pending faults, consumed first-in first-out by matching requests, and the requests held by them.</summary>
public sealed class PendingFaults : IDisposable
{
    private static readonly TimeSpan LongestHold = TimeSpan.FromMinutes(2);

    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private CancellationTokenSource _release = new();
    private int _held;

    /// <summary>Fault uses still queued, and requests being held right now.</summary>
    public (int Pending, int Held) Count()
    {
        lock (_gate)
        {
            return (_rules.Sum(rule => rule.Count), _held);
        }
    }

    /// <summary>Waits until <see cref="Clear"/> releases held requests, the request ends, or the longest hold is over.</summary>
    public async Task HoldAsync(TimeProvider time, CancellationToken requestAborted)
    {
        CancellationToken release;
        lock (_gate)
        {
            release = _release.Token;
            _held++;
        }

        try
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(release, requestAborted);
            await Task.Delay(LongestHold, time, either.Token);
        }
        catch (OperationCanceledException) when (release.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                _held--;
            }
        }
    }

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Validate(rule);
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _release.Dispose();
        }
    }

    public void Clear()
    {
        CancellationTokenSource released;
        lock (_gate)
        {
            _rules.Clear();
            released = _release;
            _release = new CancellationTokenSource();
        }

        released.Cancel();
        released.Dispose();
    }

    /// <summary>Takes one use of the first rule matching <paramref name="operation"/>, if any.</summary>
    public FaultRule? TryTake(string operation)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => r.Operation is null || string.Equals(r.Operation, operation, StringComparison.OrdinalIgnoreCase));
            if (rule is null)
            {
                return null;
            }

            rule.Count--;
            if (rule.Count <= 0)
            {
                _rules.Remove(rule);
            }

            return rule;
        }
    }

    private static void Validate(FaultRule rule)
    {
        if (rule.Status is { } status && (status < 400 || status > 599))
        {
            throw KeyVaultErrors.BadParameter("'status' must be an HTTP error status from 400 to 599 (or absent for a delay only).");
        }

        if (rule.Status is null && rule.DelayMilliseconds == 0 && !rule.Hold && !rule.Drop)
        {
            throw KeyVaultErrors.BadParameter("A fault needs a 'status' or 'drop', a 'delayMilliseconds' or 'hold', or one of each.");
        }

        if (rule.Status is not null && rule.Drop)
        {
            throw KeyVaultErrors.BadParameter("A dropped connection has no status: give 'status' or 'drop', not both.");
        }

        if (rule.Count is < 1 or > 10_000)
        {
            throw KeyVaultErrors.BadParameter("'count' must be from 1 to 10000.");
        }

        if (rule.DelayMilliseconds is < 0 or > 120_000)
        {
            throw KeyVaultErrors.BadParameter("'delayMilliseconds' must be from 0 to 120000.");
        }

        if (rule.RetryAfterSeconds is < 0 or > 3600)
        {
            throw KeyVaultErrors.BadParameter("'retryAfterSeconds' must be from 0 to 3600.");
        }

        if (rule.Operation is not null && !KeyVaultOperation.All.Contains(rule.Operation, StringComparer.OrdinalIgnoreCase))
        {
            throw KeyVaultErrors.BadParameter(
                $"'operation' '{rule.Operation}' is unknown; use one of {string.Join(", ", KeyVaultOperation.All)} or null for any.");
        }
    }
}
