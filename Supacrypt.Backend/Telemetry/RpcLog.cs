namespace Supacrypt.Backend.Telemetry;

/// <summary>
/// The log lines every RPC may write, source-generated so that the hot path neither boxes nor formats when a level
/// is off. They name RPCs, outcomes and Key Vault statuses: never key material, data or signatures.
/// </summary>
internal static partial class RpcLog
{
    // A formatted scope: readable in the console formatter and structured (Rpc, Client, CorrelationId) in JSON.
    private static readonly Func<ILogger, string, string, string, IDisposable?> CallScope =
        LoggerMessage.DefineScope<string, string, string>("{Rpc} by {Client}, correlation id {CorrelationId}");

    public static IDisposable? BeginCall(ILogger logger, string rpc, string client, string correlationId) =>
        CallScope(logger, rpc, client, correlationId);

    [LoggerMessage(2, LogLevel.Information, "{Rpc} refused: {Code} {Message}")]
    public static partial void Refused(ILogger logger, string rpc, Supacrypt.V1.ErrorCode code, string message);

    [LoggerMessage(EventId = 3, Message = "{Rpc} refused by Key Vault (trace {TraceId}): {Status} {KeyVaultCode} {Message}")]
    public static partial void RefusedByKeyVault(ILogger logger, LogLevel level, string rpc, string traceId, int status, string? keyVaultCode, string message);

    [LoggerMessage(4, LogLevel.Warning, "{Rpc} failed transiently: Key Vault answered {Status} {KeyVaultCode}")]
    public static partial void KeyVaultTransientFailure(ILogger logger, string rpc, int status, string? keyVaultCode);

    [LoggerMessage(5, LogLevel.Warning, "{Rpc} failed (trace {TraceId}): Key Vault is unreachable")]
    public static partial void KeyVaultUnreachable(ILogger logger, Exception exception, string rpc, string traceId);

    [LoggerMessage(6, LogLevel.Warning, "{Rpc} failed (trace {TraceId}): Key Vault did not answer after retries")]
    public static partial void KeyVaultRetriesExhausted(ILogger logger, Exception exception, string rpc, string traceId);

    [LoggerMessage(7, LogLevel.Warning, "{Rpc} timed out waiting for Key Vault")]
    public static partial void KeyVaultTimeout(ILogger logger, Exception exception, string rpc);

    [LoggerMessage(9, LogLevel.Warning, "{Rpc} failed (trace {TraceId}): no Key Vault token: {Message}")]
    public static partial void NoKeyVaultToken(ILogger logger, Exception exception, string rpc, string traceId, string message);

    [LoggerMessage(8, LogLevel.Error, "{Rpc} failed unexpectedly (trace {TraceId})")]
    public static partial void Unexpected(ILogger logger, Exception exception, string rpc, string traceId);
}
