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
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Rpc"] = rpc, ["Client"] = caller.Subject });
        using var activity = BackendTelemetry.ActivitySource.StartActivity($"supacrypt {rpc}");
        activity?.SetTag("supacrypt.client", caller.Subject);
        activity?.SetTag("supacrypt.key_id", keyId);
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
            activity?.SetTag("supacrypt.outcome", outcome);
            if (outcome != "Success")
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            var elapsed = time.GetElapsedTime(started);
            telemetry.Record(rpc, outcome, elapsed);
            audit.Record(rpc, keyId, request, caller, outcome, elapsed, CorrelationId.Of(http));
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
            logger.LogInformation("{Rpc} refused: {Code} {Message}", rpc, refusal.Code, refusal.Message);
            return error(ErrorTranslation.ToDetails(refusal.Code, refusal.Message));
        }

        var cancellationToken = context.CancellationToken;
        try
        {
            return await operation(cancellationToken);
        }
        catch (KeyOperationException exception)
        {
            logger.LogInformation("{Rpc} refused: {Code} {Message}", rpc, exception.Code, exception.Message);
            return error(ErrorTranslation.ToDetails(exception));
        }
        catch (KeyVaultException exception) when (ErrorTranslation.ToDetails(exception, TraceId(context)) is { } details)
        {
            logger.Log(
                ErrorTranslation.IsPrivate(exception) ? LogLevel.Warning : LogLevel.Information,
                "{Rpc} refused by Key Vault (trace {TraceId}): {Status} {KeyVaultCode} {Message}",
                rpc, TraceId(context), exception.Status, exception.ErrorCode, exception.Message);
            return error(details);
        }
        catch (KeyVaultException exception)
        {
            logger.LogWarning("{Rpc} failed transiently: Key Vault answered {Status} {KeyVaultCode}", rpc, exception.Status, exception.ErrorCode);
            throw ErrorTranslation.ToTransientStatus(exception);
        }
        catch (AuthenticationFailedException exception)
        {
            logger.LogWarning(exception, "{Rpc} failed (trace {TraceId}): no Key Vault token: {Message}", rpc, TraceId(context), exception.Message);
            throw ErrorTranslation.ToTransientStatus(exception, TraceId(context));
        }
        catch (AggregateException exception) when (exception.Flatten().InnerExceptions[^1] is AuthenticationFailedException credentialFailure)
        {
            logger.LogWarning(exception, "{Rpc} failed (trace {TraceId}): no Key Vault token: {Message}", rpc, TraceId(context), credentialFailure.Message);
            throw ErrorTranslation.ToTransientStatus(credentialFailure, TraceId(context));
        }
        catch (RequestFailedException exception)
        {
            logger.LogWarning(exception, "{Rpc} failed: Key Vault is unreachable", rpc);
            throw ErrorTranslation.ToTransientStatus(exception);
        }
        catch (AggregateException exception) when (!cancellationToken.IsCancellationRequested && ErrorTranslation.IsExhaustedRetries(exception))
        {
            // Azure.Core's retry policy reports every failed attempt together once it gives up.
            logger.LogWarning(exception, "{Rpc} failed: Key Vault did not answer after retries", rpc);
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
            logger.LogWarning(exception, "{Rpc} timed out waiting for Key Vault", rpc);
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Key Vault did not answer within the configured timeout; retry."));
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            var traceId = TraceId(context);
            logger.LogError(exception, "{Rpc} failed unexpectedly (trace {TraceId})", rpc, traceId);
            throw new RpcException(new Status(StatusCode.Internal, $"An unexpected error occurred; it was logged under trace id {traceId}."));
        }
    }

    private static string TraceId(ServerCallContext context) => Activity.Current?.TraceId.ToString() ?? context.GetHttpContext().TraceIdentifier;
}
