using System.Diagnostics;
using System.Globalization;
using Grpc.Core;

namespace Supacrypt.Benchmarking;

/// <summary>How to load the service: how many calls in flight, for how long, after what warm-up, at what total rate.</summary>
public sealed record LoadPlan(int Concurrency, TimeSpan Duration)
{
    /// <summary>Calls before the measured window; the warm-up also lasts until every worker has finished one call.</summary>
    public TimeSpan Warmup { get; init; }

    /// <summary>Total calls per second over all workers, or null for as fast as answers come.</summary>
    public double? RatePerSecond { get; init; }

    /// <summary>The outcome name of a call that failed with a gRPC status.</summary>
    public Func<RpcException, string> NameFailure { get; init; } = failure => failure.StatusCode.ToString();
}

/// <summary>The measured calls so far, for a live display.</summary>
public readonly record struct LoadProgress(long Completed, TimeSpan Elapsed, TimeSpan Remaining);

/// <summary>
/// Closed-loop load: each worker keeps exactly one call in flight, waits for the answer, and calls again (optionally
/// paced to a total rate). Calls that start inside the measured window count, and the window closes when the last of
/// them has answered; each worker records its latencies and failures in state it owns, so the hot path shares nothing
/// but the phase flag. A worker told RESOURCE_EXHAUSTED waits the <c>retry-after-ms</c> it was given, as a client should.
/// </summary>
public sealed class LoadLoop
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    private const int Warmup = 0;
    private const int Measuring = 1;
    private const int Stopped = 2;

    private readonly LoadPlan _plan;
    private readonly Func<int, CancellationToken, Task<string?>> _call;
    private readonly Worker[] _workers;
    private readonly TaskCompletionSource _allWarm = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _cold;
    private int _phase = Warmup;
    private long _measuredEnd = long.MaxValue;

    private LoadLoop(LoadPlan plan, Func<int, CancellationToken, Task<string?>> call)
    {
        _plan = plan;
        _call = call;
        _cold = plan.Concurrency;
        _workers = Enumerable.Range(0, plan.Concurrency).Select(_ => new Worker()).ToArray();
    }

    /// <param name="call">One call by the given worker; returns null on success or the name of the in-band error.</param>
    public static Task<LoadResult> RunAsync(
        LoadPlan plan, Func<int, CancellationToken, Task<string?>> call, Action<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Concurrency, 1);
        return new LoadLoop(plan, call).RunAsync(progress, cancellationToken);
    }

    private async Task<LoadResult> RunAsync(Action<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        var interval = _plan.RatePerSecond is { } rate ? _plan.Concurrency / rate : 0;
        var first = Stopwatch.GetTimestamp();
        var tasks = _workers.Select((worker, index) =>
            Task.Run(() => WorkAsync(worker, index, first + (long)(interval * Stopwatch.Frequency * index / _plan.Concurrency), interval, cancellationToken), CancellationToken.None)).ToArray();

        // A first call pays for connection set-up and JIT on both sides, which can take seconds on a loaded machine
        // and is not what is measured.
        await Task.WhenAll(Task.Delay(_plan.Warmup, cancellationToken), _allWarm.Task.WaitAsync(cancellationToken));
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(_plan.Duration.TotalSeconds * Stopwatch.Frequency);
        Volatile.Write(ref _measuredEnd, end);
        Volatile.Write(ref _phase, Measuring);
        while (Stopwatch.GetTimestamp() < end)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end);
            progress?.Invoke(new LoadProgress(_workers.Sum(worker => Volatile.Read(ref worker.Completed)), Stopwatch.GetElapsedTime(started), remaining));
            await Task.Delay(remaining < TimeSpan.FromMilliseconds(250) ? remaining.Duration() : TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        Volatile.Write(ref _phase, Stopped);

        // Calls in flight finish rather than being cancelled: a cancelled GenerateKey might still create its key after
        // the run has cleaned up, and the backend would log cancellations the benchmark caused.
        await Task.WhenAll(tasks);
        var measured = Stopwatch.GetElapsedTime(started);

        var errors = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, count) in _workers.SelectMany(worker => worker.Errors))
        {
            errors[name] = errors.GetValueOrDefault(name) + count;
        }

        long[] latencies = [.. _workers.SelectMany(worker => worker.Latencies)];
        Array.Sort(latencies);
        return new LoadResult(measured, latencies.Length, errors, latencies);
    }

    private async Task WorkAsync(Worker worker, int index, long next, double interval, CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _phase) != Stopped)
        {
            if (interval > 0)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, CancellationToken.None);
                }

                next += (long)(interval * Stopwatch.Frequency);
            }

            var counted = Volatile.Read(ref _phase) == Measuring;
            var started = Stopwatch.GetTimestamp();
            var (error, retryAfter) = await OneCallAsync(index, cancellationToken);
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (!worker.Warm)
            {
                worker.Warm = true;
                if (Interlocked.Decrement(ref _cold) == 0)
                {
                    _allWarm.SetResult();
                }
            }

            if (counted)
            {
                if (error is null)
                {
                    worker.Latencies.Add(elapsed);
                }
                else
                {
                    worker.Errors[error] = worker.Errors.GetValueOrDefault(error) + 1;
                }

                Volatile.Write(ref worker.Completed, worker.Completed + 1);
            }

            if (retryAfter > TimeSpan.Zero)
            {
                // Never past the end of the measured window; during the warm-up its end is not known yet.
                var end = Volatile.Read(ref _measuredEnd);
                var left = end == long.MaxValue ? LongestWait : Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end);
                await Task.Delay(Min(Min(retryAfter, LongestWait), left > TimeSpan.Zero ? left : TimeSpan.Zero), CancellationToken.None);
            }
        }
    }

    private async Task<(string? Error, TimeSpan RetryAfter)> OneCallAsync(int index, CancellationToken cancellationToken)
    {
        try
        {
            return (await _call(index, cancellationToken), TimeSpan.Zero);
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, TimeSpan.Zero);
        }
        catch (RpcException failure)
        {
            var retryAfter = failure.StatusCode == StatusCode.ResourceExhausted &&
                long.TryParse(failure.Trailers.GetValue("retry-after-ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
                    ? TimeSpan.FromMilliseconds(milliseconds)
                    : TimeSpan.Zero;
            return (_plan.NameFailure(failure), retryAfter);
        }
        catch (HttpRequestException failure)
        {
            return ($"HTTP {failure.StatusCode?.ToString() ?? failure.HttpRequestError.ToString()}", TimeSpan.Zero);
        }
    }

    private static TimeSpan Min(TimeSpan left, TimeSpan right) => left < right ? left : right;

    private sealed class Worker
    {
        public readonly List<long> Latencies = new(capacity: 16_384);
        public readonly Dictionary<string, long> Errors = new(StringComparer.Ordinal);
        public long Completed;
        public bool Warm;
    }
}
