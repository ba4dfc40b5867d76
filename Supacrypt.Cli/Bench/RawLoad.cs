using System.Diagnostics;

namespace Supacrypt.Cli.Bench;

/// <summary>The baseline: the raw operation on one thread per core for the same warm-up and measured time.</summary>
internal static class RawLoad
{
    public static RawLoadResult Run(Func<Action> prepare, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var threads = Environment.ProcessorCount;
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

        var count = latencies.Sum(list => (long)list.Count);
        return new RawLoadResult(threads, count, count / duration.TotalSeconds, LatencySummary.From(latencies));
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}

internal sealed record RawLoadResult(int Threads, long Operations, double OperationsPerSecond, LatencySummary Latency);
