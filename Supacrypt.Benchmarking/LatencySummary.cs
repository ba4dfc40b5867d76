using System.Diagnostics;

namespace Supacrypt.Benchmarking;

/// <summary>Exact percentiles from every recorded latency (sorted once at the end; nothing is bucketed or sampled).</summary>
public sealed record LatencySummary(double P50Milliseconds, double P95Milliseconds, double P99Milliseconds, double MaxMilliseconds)
{
    /// <param name="sortedTicks">Every recorded latency in <see cref="Stopwatch"/> ticks, in ascending order.</param>
    public static LatencySummary From(long[] sortedTicks)
    {
        ArgumentNullException.ThrowIfNull(sortedTicks);
        return sortedTicks.Length == 0
            ? new LatencySummary(0, 0, 0, 0)
            : new LatencySummary(At(sortedTicks, 0.50), At(sortedTicks, 0.95), At(sortedTicks, 0.99), Milliseconds(sortedTicks[^1]));
    }

    // Nearest rank: the smallest recorded latency that at least the given share of calls did not exceed.
    internal static double At(long[] sorted, double share) =>
        Milliseconds(sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Length) - 1)]);

    internal static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
