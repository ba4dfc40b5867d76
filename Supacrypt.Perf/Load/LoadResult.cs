namespace Supacrypt.Perf.Load;

/// <summary>What one load run measured: successful calls per second, latency of successful calls, every outcome.</summary>
public sealed record LoadResult(TimeSpan Duration, IReadOnlyDictionary<string, long> Outcomes, double[] SortedLatencyMilliseconds)
{
    public const string Ok = "OK";

    public long Succeeded => Outcomes.GetValueOrDefault(Ok);

    public double PerSecond => Succeeded / Duration.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Percentile(double fraction) => SortedLatencyMilliseconds.Length == 0
        ? double.NaN
        : SortedLatencyMilliseconds[Math.Min(SortedLatencyMilliseconds.Length - 1, (int)Math.Ceiling(fraction * SortedLatencyMilliseconds.Length) - 1)];

    /// <summary>Several runs as one: durations and outcomes added, latencies pooled.</summary>
    public static LoadResult Combine(IReadOnlyCollection<LoadResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var outcomes = runs.SelectMany(run => run.Outcomes).GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value));
        return new LoadResult(
            TimeSpan.FromTicks(runs.Sum(run => run.Duration.Ticks)),
            outcomes,
            [.. runs.SelectMany(run => run.SortedLatencyMilliseconds).Order()]);
    }

    public string OutcomeSummary => string.Join(", ", Outcomes.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}"));
}
