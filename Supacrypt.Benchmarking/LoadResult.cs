namespace Supacrypt.Benchmarking;

/// <summary>
/// What one measured run found: the calls that succeeded and their latencies (every one, in <see cref="System.Diagnostics.Stopwatch"/>
/// ticks, ascending), the failures by name, and the time the run took.
/// </summary>
public sealed record LoadResult(TimeSpan Duration, long Succeeded, IReadOnlyDictionary<string, long> Errors, long[] SortedLatencyTicks)
{
    public const string Ok = "OK";

    public double PerSecond => Duration > TimeSpan.Zero ? Succeeded / Duration.TotalSeconds : 0;

    public LatencySummary Latency => LatencySummary.From(SortedLatencyTicks);

    /// <summary>Every outcome with its count: <see cref="Ok"/> for the successes, then the failures by name.</summary>
    public IReadOnlyDictionary<string, long> Outcomes =>
        Succeeded == 0 ? Errors : new Dictionary<string, long>(Errors, StringComparer.Ordinal) { [Ok] = Succeeded };

    public string OutcomeSummary => string.Join(", ", Outcomes.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}"));

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    /// <summary>The latency in milliseconds that the given share of successful calls did not exceed; NaN without any.</summary>
    public double Percentile(double fraction) =>
        SortedLatencyTicks.Length == 0 ? double.NaN : LatencySummary.At(SortedLatencyTicks, fraction);

    /// <summary>Several runs as one: durations, successes and failures added, latencies pooled.</summary>
    public static LoadResult Combine(IReadOnlyCollection<LoadResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var errors = runs.SelectMany(run => run.Errors).GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value), StringComparer.Ordinal);
        return new LoadResult(
            TimeSpan.FromTicks(runs.Sum(run => run.Duration.Ticks)),
            runs.Sum(run => run.Succeeded),
            errors,
            [.. runs.SelectMany(run => run.SortedLatencyTicks).Order()]);
    }
}
