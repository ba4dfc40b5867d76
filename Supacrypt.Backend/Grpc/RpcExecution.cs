using System.Diagnostics;
using Azure;
using Azure.Identity;
using Grpc.Core;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.Security;
using Supacrypt.Backend.Telemetry;
using Supacrypt.V1;

namespace Supacrypt.Backend.Grpc;

/// <summary>Runs one RPC and turns every failure into the contract's answer; nothing escapes as UNKNOWN.</summary>
public sealed class RpcExecution(ILogger<RpcExecution> logger, BackendTelemetry telemetry, TimeProvider time, CallAdmission admission, AuditLog audit)
{
    public const uint ProtocolVersion = 1;

    /// <param name="keyId">The key the request names (empty for a listing), for the audit trail and the span.</param>
    public async Task<TResponse> RunAsync<TResponse>(
        string rpc,
        uint version,
        string keyId,
        ServerCallContext context,
        Func<CancellationToken, Task<TResponse>> operation,
        Func<ErrorDetails, TResponse> error)
    {
        var http = context.GetHttpContext();
        var caller = CallerIdentity.Of(http);
        var request = RequestCapture.RequestOf(context);
        keyId = KeyReference.Printable(keyId);
        var correlationId = CorrelationId.Of(http);
        using var activity = BackendTelemetry.ActivitySource.StartActivity($"supacrypt {rpc}");
        var subject = CallerIdentity.Printable(caller.Subject);
        using var scope = RpcLog.BeginCall(logger, rpc, subject, correlationId);
        activity?.SetTag(TelemetryAttributes.RpcMethod, rpc);
        activity?.SetTag(TelemetryAttributes.Client, subject);
        activity?.SetTag(TelemetryAttributes.KeyId, keyId);
        activity?.SetTag(TelemetryAttributes.CorrelationId, correlationId);
        var attributes = OperationAttributes.Begin();
        var started = time.GetTimestamp();
        var outcome = "Success";
        try
        {
            return await RunCoreAsync(rpc, version, context, () => admission.Refusal(rpc, keyId, caller, request), operation, details =>
            {
                outcome = details.Code.ToString();
                return error(details);
            });
        }
        catch (RpcException exception)
        {
            outcome = exception.StatusCode.ToString();
            throw;
        }
        finally
        {
            activity?.SetTag(TelemetryAttributes.Outcome, outcome);
            activity?.SetTag(TelemetryAttributes.KeyType, attributes.KeyType);
            activity?.SetTag(TelemetryAttributes.Algorithm, attributes.Algorithm);
            if (outcome != "Success")
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            var elapsed = time.GetElapsedTime(started);
            telemetry.RecordOperation(rpc, outcome, attributes, elapsed);
            audit.Record(rpc, keyId, request, caller, outcome, elapsed, correlationId);
        }
    }

    private async Task<TResponse> RunCoreAsync<TResponse>(
        string rpc,
        uint version,
        ServerCallContext context,
        Func<(ErrorCode Code, string Message)?> admit,
        Func<CancellationToken, Task<TResponse>> operation,
        Func<ErrorDetails, TResponse> error)
    {
        if (version > ProtocolVersion)
        {
            return error(ErrorTranslation.ToDetails(ErrorCode.InvalidRequest, $"Protocol version {version} is not supported; this service speaks version {ProtocolVersion}."));
        }

        if (admit() is { } refusal)
        {
            RpcLog.Refused(logger, rpc, refusal.Code, refusal.Message);
            return error(ErrorTranslation.ToDetails(refusal.Code, refusal.Message));
        }

        var cancellationToken = context.CancellationToken;
        try
        {
            return await operation(cancellationToken);
        }
        catch (KeyOperationException exception)
        {
            RpcLog.Refused(logger, rpc, exception.Code, exception.Message);
            return error(ErrorTranslation.ToDetails(exception));
        }
        catch (KeyVaultException exception) when (ErrorTranslation.ToDetails(exception, TraceId(context)) is { } details)
        {
            RpcLog.RefusedByKeyVault(
                logger, ErrorTranslation.IsPrivate(exception) ? LogLevel.Warning : LogLevel.Information,
                rpc, TraceId(context), exception.Status, exception.ErrorCode, exception.Message);
            return error(details);
        }
        catch (KeyVaultException exception)
        {
            RpcLog.KeyVaultTransientFailure(logger, rpc, exception.Status, exception.ErrorCode);
            throw ErrorTranslation.ToTransientStatus(exception);
        }
        catch (AuthenticationFailedException exception)
        {
            RpcLog.NoKeyVaultToken(logger, exception, rpc, TraceId(context), exception.Message);
            throw ErrorTranslation.ToTransientStatus(exception, TraceId(context));
        }
        catch (AggregateException exception) when (exception.Flatten().InnerExceptions[^1] is AuthenticationFailedException credentialFailure)
        {
            RpcLog.NoKeyVaultToken(logger, exception, rpc, TraceId(context), credentialFailure.Message);
            throw ErrorTranslation.ToTransientStatus(credentialFailure, TraceId(context));
        }
        catch (RequestFailedException exception)
        {
            RpcLog.KeyVaultUnreachable(logger, exception, rpc);
            throw ErrorTranslation.ToTransientStatus(exception);
        }
        catch (AggregateException exception) when (!cancellationToken.IsCancellationRequested && ErrorTranslation.IsExhaustedRetries(exception))
        {
            // Azure.Core's retry policy reports every failed attempt together once it gives up.
            RpcLog.KeyVaultRetriesExhausted(logger, exception, rpc);
            throw ErrorTranslation.ToTransientStatus(exception);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is OperationCanceledException or AggregateException)
        {
            // An AggregateException here is Azure.Core's retry giving up because the caller left mid-retry.
            throw new RpcException(new Status(
                context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled,
                "The call ended before the operation completed."));
        }
        catch (OperationCanceledException exception)
        {
            // Azure.Core reports its network timeout as a cancellation the caller did not ask for.
            RpcLog.KeyVaultTimeout(logger, exception, rpc);
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Key Vault did not answer within the configured timeout; retry."));
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            var traceId = TraceId(context);
            RpcLog.Unexpected(logger, exception, rpc, traceId);
            throw new RpcException(new Status(StatusCode.Internal, $"An unexpected error occurred; it was logged under trace id {traceId}."));
        }
    }

    private static string TraceId(ServerCallContext context) => Activity.Current?.TraceId.ToString() ?? context.GetHttpContext().TraceIdentifier;
}
