using System.Globalization;
using Spectre.Console;
using Supacrypt.Benchmarking;

namespace Supacrypt.Cli.Bench;

/// <summary>What a benchmark run measured, as a table for people or JSON for scripts.</summary>
public sealed record BenchReport(
    string Operation,
    string KeyShape,
    string Endpoint,
    int Concurrency,
    int Connections,
    double DurationSeconds,
    long Operations,
    double OperationsPerSecond,
    LatencySummary Latency,
    IReadOnlyDictionary<string, long> Errors,
    BaselineReport? Baseline)
{
    /// <summary>Service throughput ÷ raw in-process throughput; null without --baseline.</summary>
    public double? Ratio => Baseline is null || Baseline.OperationsPerSecond == 0 ? null : OperationsPerSecond / Baseline.OperationsPerSecond;

    public void Write(Terminal terminal)
    {
        var table = new Table().Title($"supacrypt bench: {Operation} with {KeyShape}, {Concurrency} in flight on {Connections} connection(s)")
            .AddColumns("", "ops", "ops/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors");
        table.AddRow("service", N(Operations), N(OperationsPerSecond), Ms(Latency.P50Milliseconds), Ms(Latency.P95Milliseconds),
            Ms(Latency.P99Milliseconds), Ms(Latency.MaxMilliseconds), Errors.Values.Sum().ToString("N0", CultureInfo.InvariantCulture));
        if (Baseline is not null)
        {
            table.AddRow($"raw .NET ×{Baseline.Threads}", N(Baseline.Operations), N(Baseline.OperationsPerSecond),
                Ms(Baseline.Latency.P50Milliseconds), Ms(Baseline.Latency.P95Milliseconds), Ms(Baseline.Latency.P99Milliseconds),
                Ms(Baseline.Latency.MaxMilliseconds), "0");
        }

        terminal.Console.Write(table);
        foreach (var (code, count) in Errors)
        {
            terminal.Console.WriteLine($"errors {code}: {count.ToString("N0", CultureInfo.InvariantCulture)}");
        }

        if (Ratio is { } ratio)
        {
            terminal.Console.WriteLine($"ratio service ÷ raw: {ratio.ToString("0.000", CultureInfo.InvariantCulture)} ({DurationSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s each, same machine, same run)");
        }
    }

    private static string N(double value) => value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString(value >= 10 ? "N1" : "N3", CultureInfo.InvariantCulture);
}

public sealed record BaselineReport(int Threads, long Operations, double OperationsPerSecond, LatencySummary Latency);
