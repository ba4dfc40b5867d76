using System.Diagnostics;

namespace Supacrypt.Cli.Bench;

/// <summary>Exact percentiles from every recorded latency (sorted once at the end; nothing is bucketed or sampled).</summary>
public sealed record LatencySummary(double P50Milliseconds, double P95Milliseconds, double P99Milliseconds, double MaxMilliseconds)
{
    public static LatencySummary From(IEnumerable<List<long>> perWorkerTicks)
    {
        var all = perWorkerTicks.SelectMany(ticks => ticks).ToArray();
        if (all.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        Array.Sort(all);
        return new LatencySummary(At(all, 0.50), At(all, 0.95), At(all, 0.99), Milliseconds(all[^1]));
    }

    // Nearest rank: the smallest recorded latency that at least the given share of calls did not exceed.
    private static double At(long[] sorted, double share) =>
        Milliseconds(sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Length) - 1)]);

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
