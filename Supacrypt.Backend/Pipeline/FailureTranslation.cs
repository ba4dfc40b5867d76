using Azure;
using Azure.Identity;
using Grpc.Core;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.Telemetry;
using Supacrypt.V1;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// Turns what a call threw into the contract's answer and logs it once: domain and Key Vault refusals in-band,
/// everything a client should retry as a gRPC status; nothing escapes as UNKNOWN or with the backend's internals.
/// </summary>
internal sealed class FailureTranslation(ILogger<CallPipeline> logger)
{
    /// <param name="exception">Anything but an <see cref="RpcException"/>, which is already the contract's answer.</param>
    /// <returns>The in-band error; every other failure is thrown as an <see cref="RpcException"/>.</returns>
    public ErrorDetails Translate(Exception exception, string rpc, ServerCallContext context, string traceId)
    {
        var cancellationToken = context.CancellationToken;
        switch (exception)
        {
            case KeyOperationException refusal:
                var refused = ErrorTranslation.ToDetails(refusal);
                RpcLog.Refused(logger, rpc, refused.Code, refused.Message);
                return refused;
            case KeyVaultException keyVault when ErrorTranslation.ToDetails(keyVault, traceId) is { } details:
                RpcLog.RefusedByKeyVault(
                    logger, ErrorTranslation.IsPrivate(keyVault) ? LogLevel.Warning : LogLevel.Information,
                    rpc, traceId, keyVault.Status, keyVault.ErrorCode, keyVault.Message);
                return details;
            case KeyVaultException keyVault:
                RpcLog.KeyVaultTransientFailure(logger, rpc, keyVault.Status, keyVault.ErrorCode);
                throw ErrorTranslation.ToTransientStatus(keyVault);
            case AuthenticationFailedException credential:
                RpcLog.NoKeyVaultToken(logger, credential, rpc, traceId, credential.Message);
                throw ErrorTranslation.ToTransientStatus(credential, traceId);
            case AggregateException aggregate when aggregate.Flatten().InnerExceptions[^1] is AuthenticationFailedException credential:
                RpcLog.NoKeyVaultToken(logger, aggregate, rpc, traceId, credential.Message);
                throw ErrorTranslation.ToTransientStatus(credential, traceId);
            case RequestFailedException transport:
                RpcLog.KeyVaultUnreachable(logger, transport, rpc, traceId);
                throw ErrorTranslation.ToTransientStatus(transport, traceId);
            case AggregateException aggregate when !cancellationToken.IsCancellationRequested && ErrorTranslation.IsExhaustedRetries(aggregate):
                // Azure.Core's retry policy reports every failed attempt together once it gives up.
                RpcLog.KeyVaultRetriesExhausted(logger, aggregate, rpc, traceId);
                throw ErrorTranslation.ToTransientStatus(aggregate, traceId);
            case OperationCanceledException or AggregateException when cancellationToken.IsCancellationRequested:
                // An AggregateException here is Azure.Core's retry giving up because the caller left mid-retry.
                throw new RpcException(new Status(
                    context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled,
                    "The call ended before the operation completed."));
            case OperationCanceledException timeout:
                // Azure.Core reports its network timeout as a cancellation the caller did not ask for.
                RpcLog.KeyVaultTimeout(logger, timeout, rpc);
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Key Vault did not answer within the configured timeout; retry."));
            default:
                RpcLog.Unexpected(logger, exception, rpc, traceId);
                throw new RpcException(new Status(StatusCode.Internal, $"An unexpected error occurred; it was logged under trace id {traceId}."));
        }
    }
}
