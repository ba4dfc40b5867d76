using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Supacrypt.Backend.Telemetry;

/// <summary>
/// The backend's own spans and metrics, named after the service so that service defaults export them:
/// one span per RPC, and counts and durations by RPC and outcome (an <c>ErrorCode</c> name or a gRPC status).
/// </summary>
public sealed class BackendTelemetry : IDisposable
{
    public const string Name = "Supacrypt.Backend";

    private readonly Meter _meter;
    private readonly Counter<long> _operations;
    private readonly Histogram<double> _duration;

    public BackendTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _operations = _meter.CreateCounter<long>("supacrypt.operations", "{operation}", "RPCs handled, by RPC and outcome.");
        _duration = _meter.CreateHistogram<double>("supacrypt.operation.duration", "s", "Time to handle an RPC, Key Vault included.");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public void Record(string rpc, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "rpc", rpc }, { "outcome", outcome } };
        _operations.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public void Dispose() => _meter.Dispose();
}
