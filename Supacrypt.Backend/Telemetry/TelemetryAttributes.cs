namespace Supacrypt.Backend.Telemetry;

/// <summary>Attribute names on spans and metrics: OpenTelemetry's where a convention exists, <c>supacrypt.*</c> otherwise.</summary>
public static class TelemetryAttributes
{
    public const string RpcMethod = "rpc.method";
    public const string Outcome = "supacrypt.outcome";
    public const string KeyType = "supacrypt.key.type";
    public const string Algorithm = "supacrypt.algorithm";
    public const string CorrelationId = "supacrypt.correlation_id";
    public const string Client = "supacrypt.client";
    public const string KeyId = "supacrypt.key_id";
    public const string KeyVaultOperation = "supacrypt.keyvault.operation";
    public const string Retried = "supacrypt.keyvault.retried";
    public const string HttpStatusCode = "http.response.status_code";
    public const string ErrorType = "error.type";
    public const string CacheResult = "supacrypt.key_cache.result";
    public const string CircuitState = "supacrypt.keyvault.circuit.state";
}
