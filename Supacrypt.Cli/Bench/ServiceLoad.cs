using System.Diagnostics;
using Grpc.Core;
using Supacrypt.V1;

namespace Supacrypt.Cli.Bench;

/// <summary>
/// Closed-loop load: each worker keeps exactly one call in flight on its connection's channel. Calls that end inside
/// the measured window count; each records its latency (success) or its error name (failure) in
/// state the worker owns, so the hot path shares nothing but the phase flag.
/// </summary>
internal sealed class ServiceLoad(ServiceOperation operation, IReadOnlyList<SupacryptService.SupacryptServiceClient> clients, int concurrency)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private const int Warmup = 0;
    private const int Measuring = 1;
    private const int Stopped = 2;

    private readonly Worker[] _workers = Enumerable.Range(0, concurrency).Select(_ => new Worker()).ToArray();
    private readonly TaskCompletionSource _allWarm = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _cold = concurrency;
    private int _phase = Warmup;

    /// <summary>Calls completed in the measured window so far, for the live display.</summary>
    public long Completed => _workers.Sum(worker => Volatile.Read(ref worker.Completed));

    public async Task<ServiceLoadResult> RunAsync(TimeSpan warmup, TimeSpan duration, Action<ServiceLoad, TimeSpan>? progress, CancellationToken cancellationToken)
    {
        var tasks = _workers.Select((worker, index) => Task.Run(() => WorkAsync(worker, clients[index % clients.Count], cancellationToken), CancellationToken.None)).ToArray();

        // Warm-up lasts --warmup and at least until every worker has finished one call: a first call pays for connection
        // set-up and JIT on both sides, which can take seconds on a loaded machine and is not what is measured.
        await Task.WhenAll(Task.Delay(warmup, cancellationToken), _allWarm.Task.WaitAsync(cancellationToken));
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref _phase, Measuring);
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var remaining = TimeSpan.FromSeconds((end - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            progress?.Invoke(this, remaining);
            await Task.Delay(remaining < TimeSpan.FromMilliseconds(250) ? remaining.Duration() : TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        Volatile.Write(ref _phase, Stopped);
        var measured = Stopwatch.GetElapsedTime(started);

        // Calls in flight finish rather than being cancelled: a cancelled GenerateKey might still create its key after
        // the run has cleaned up, and the backend would log cancellations the benchmark caused.
        await Task.WhenAll(tasks);

        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, count) in _workers.SelectMany(worker => worker.Errors))
        {
            errors[code] = errors.GetValueOrDefault(code) + count;
        }

        var succeeded = _workers.Sum(worker => (long)worker.Latencies.Count);
        return new ServiceLoadResult(succeeded, measured, LatencySummary.From(_workers.Select(worker => worker.Latencies)), errors);
    }

    private async Task WorkAsync(Worker worker, SupacryptService.SupacryptServiceClient client, CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _phase) != Stopped)
        {
            var options = new CallOptions(deadline: DateTime.UtcNow + CallTimeout, cancellationToken: cancellationToken);
            var started = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                error = await operation.InvokeAsync(client, options);
            }
            catch (RpcException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException failure)
            {
                error = ErrorCodeNames.Of(failure.StatusCode);
            }

            var elapsed = Stopwatch.GetTimestamp() - started;
            if (!worker.Warm)
            {
                worker.Warm = true;
                if (Interlocked.Decrement(ref _cold) == 0)
                {
                    _allWarm.SetResult();
                }
            }

            if (Volatile.Read(ref _phase) != Measuring)
            {
                continue;
            }

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
    }

    private sealed class Worker
    {
        public readonly List<long> Latencies = new(capacity: 16_384);
        public readonly Dictionary<string, long> Errors = new(StringComparer.Ordinal);
        public long Completed;
        public bool Warm;
    }
}

internal sealed record ServiceLoadResult(long Succeeded, TimeSpan Measured, LatencySummary Latency, IReadOnlyDictionary<string, long> Errors)
{
    public double OperationsPerSecond => Succeeded / Measured.TotalSeconds;
}
