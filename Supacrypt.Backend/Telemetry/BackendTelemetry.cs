using System.Diagnostics;
using System.Diagnostics.Metrics;
using Supacrypt.Backend.KeyVault;

namespace Supacrypt.Backend.Telemetry;

/// <summary>
/// The backend's own spans and metrics, named after the service so that service defaults export them. The README's
/// observability section lists every instrument and attribute with the operator question it answers. Attribute
/// values are bounded sets (RPC names, outcomes, key types, algorithms, Key Vault operations): never key names.
/// </summary>
public sealed class BackendTelemetry : IDisposable
{
    public const string Name = "Supacrypt.Backend";

    private readonly Meter _meter;
    private readonly Counter<long> _operations;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _keyVaultRequests;
    private readonly Histogram<double> _keyVaultDuration;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _cacheLookups;
    private Func<CircuitBreakerState>? _circuitState;

    public BackendTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _operations = _meter.CreateCounter<long>("supacrypt.operations", "{operation}", "RPCs handled, by RPC, outcome, key type and algorithm.");
        _duration = _meter.CreateHistogram<double>("supacrypt.operation.duration", "s", "Time to handle an RPC, Key Vault included.");
        _keyVaultRequests = _meter.CreateCounter<long>("supacrypt.keyvault.requests", "{request}", "HTTP requests sent to Key Vault, each retry counted, by operation and status.");
        _keyVaultDuration = _meter.CreateHistogram<double>("supacrypt.keyvault.request.duration", "s", "Time for one HTTP request to Key Vault (one attempt).");
        _throttled = _meter.CreateCounter<long>("supacrypt.keyvault.throttled", "{response}", "429 answers from Key Vault, by operation.");
        _cacheLookups = _meter.CreateCounter<long>("supacrypt.key_cache.lookups", "{lookup}", "Public-key cache lookups: hit, miss (Key Vault asked) or coalesced (joined a call in flight).");
        _meter.CreateObservableGauge("supacrypt.keyvault.circuit.state", ObserveCircuit, "{state}", "1 for the Key Vault circuit breaker's current state (closed, open, half_open), 0 for the others.");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public void RecordOperation(string rpc, string outcome, OperationTags attributes, TimeSpan elapsed)
    {
        var tags = new TagList { { TelemetryAttributes.RpcMethod, rpc }, { TelemetryAttributes.Outcome, outcome } };
        if (attributes.KeyType is { } keyType)
        {
            tags.Add(TelemetryAttributes.KeyType, keyType);
        }

        if (attributes.Algorithm is { } algorithm)
        {
            tags.Add(TelemetryAttributes.Algorithm, algorithm);
        }

        _operations.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <param name="status">The HTTP status, or null when no response arrived.</param>
    /// <param name="errorType">Why the attempt failed (a status or an exception type), or null when it succeeded.</param>
    public void RecordKeyVaultRequest(string operation, int? status, string? errorType, bool retried, TimeSpan elapsed)
    {
        var tags = new TagList { { TelemetryAttributes.KeyVaultOperation, operation }, { TelemetryAttributes.Retried, retried } };
        if (status is { } code)
        {
            tags.Add(TelemetryAttributes.HttpStatusCode, code);
        }

        if (errorType is not null)
        {
            tags.Add(TelemetryAttributes.ErrorType, errorType);
        }

        _keyVaultRequests.Add(1, tags);
        _keyVaultDuration.Record(elapsed.TotalSeconds, tags);
        if (status == 429)
        {
            _throttled.Add(1, new KeyValuePair<string, object?>(TelemetryAttributes.KeyVaultOperation, operation));
        }
    }

    public void RecordCacheLookup(CacheLookup result) =>
        _cacheLookups.Add(1, new KeyValuePair<string, object?>(TelemetryAttributes.CacheResult, result switch
        {
            CacheLookup.Hit => "hit",
            CacheLookup.Miss => "miss",
            _ => "coalesced",
        }));

    /// <summary>Reports the state of the one Key Vault circuit breaker whenever metrics are collected.</summary>
    public void ObserveCircuit(Func<CircuitBreakerState> state) => _circuitState = state;

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> ObserveCircuit()
    {
        if (_circuitState is not { } observe)
        {
            return [];
        }

        var current = observe();
        return
        [
            Measure(CircuitBreakerState.Closed, "closed"),
            Measure(CircuitBreakerState.Open, "open"),
            Measure(CircuitBreakerState.HalfOpen, "half_open"),
        ];

        Measurement<int> Measure(CircuitBreakerState state, string name) =>
            new(current == state ? 1 : 0, new KeyValuePair<string, object?>(TelemetryAttributes.CircuitState, name));
    }
}

public enum CacheLookup
{
    Hit,
    Miss,
    Coalesced,
}
