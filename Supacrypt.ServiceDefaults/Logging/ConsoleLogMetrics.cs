using System.Diagnostics.Metrics;

namespace Supacrypt.ServiceDefaults.Logging;

/// <summary>The console log's own meter: lines that could not be written to standard output.</summary>
public sealed class ConsoleLogMetrics
{
    public const string MeterName = "Supacrypt.Logging";

    private readonly Counter<long> _dropped;

    public ConsoleLogMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _dropped = meter.CreateCounter<long>(
            "supacrypt.log.console.dropped", "{line}", "Log lines not written to standard output because it did not keep up or was closed.");
    }

    public void LinesDropped(long lines) => _dropped.Add(lines);
}
