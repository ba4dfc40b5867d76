using System.Diagnostics;

namespace Supacrypt.Benchmarking;

/// <summary>The baseline: the raw operation in this process on one thread per core for the same warm-up and measured time.</summary>
public static class RawLoop
{
    public static int Threads => Environment.ProcessorCount;

    /// <param name="prepare">Called once per thread (untimed) for that thread's own operation: key objects are not thread-safe.</param>
    public static LoadResult Run(Func<Action> prepare, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        var threads = Threads;
        var latencies = Enumerable.Range(0, threads).Select(_ => new List<long>(capacity: 16_384)).ToArray();
        var operations = Enumerable.Range(0, threads).Select(_ => prepare()).ToArray();
        var warmupEnd = Stopwatch.GetTimestamp() + Ticks(warmup);
        var measuredEnd = warmupEnd + Ticks(duration);

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, thread =>
        {
            var operation = operations[thread];
            var recorded = latencies[thread];
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= measuredEnd || cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                operation();
                var ended = Stopwatch.GetTimestamp();
                if (ended >= warmupEnd && ended <= measuredEnd)
                {
                    recorded.Add(ended - started);
                }
            }
        });

        long[] sorted = [.. latencies.SelectMany(list => list)];
        Array.Sort(sorted);
        return new LoadResult(duration, sorted.Length, new Dictionary<string, long>(StringComparer.Ordinal), sorted);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
