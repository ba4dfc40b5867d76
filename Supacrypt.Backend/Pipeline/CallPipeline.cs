using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Supacrypt.Backend.Security;
using Supacrypt.Backend.Shutdown;
using Supacrypt.Backend.Telemetry;
using Supacrypt.V1;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// The one place around every supacrypt.v1 call, in this order: shutdown drain, the span and log scope, identity
/// and the key the request names (parsed once into <see cref="CallState"/>), admission (the caller's budget, then
/// <see cref="CallAdmission"/>), the call, error translation, metrics and the audit record. Other gRPC services (health) only pass the drain.
/// </summary>
internal sealed class CallPipeline(
    CallDrain drain,
    CallerBudget budget,
    CallAdmission admission,
    FailureTranslation failures,
    AuditLog audit,
    BackendTelemetry telemetry,
    TimeProvider time,
    ILogger<CallPipeline> logger) : Interceptor
{
    private static readonly ConcurrentDictionary<string, string> RpcNames = new(StringComparer.Ordinal);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        if (!drain.TryEnter())
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The service is shutting down; retry the call."));
        }

        try
        {
            return request is ISupacryptRequest supacrypt
                ? await RunAsync(request, supacrypt, context, continuation)
                : await continuation(request, context);
        }
        finally
        {
            drain.Leave();
        }
    }

    private async Task<TResponse> RunAsync<TRequest, TResponse>(
        TRequest request, ISupacryptRequest message, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        var http = context.GetHttpContext();
        var rpc = RpcNames.GetOrAdd(context.Method, static method => method[(method.LastIndexOf('/') + 1)..]);
        var call = new CallState(rpc, CallerIdentity.Of(http), CorrelationId.Of(http), (message as INamesKey)?.KeyId);
        http.Features.Set(call);
        using var activity = BackendTelemetry.ActivitySource.StartActivity($"supacrypt {rpc}");
        var subject = CallerIdentity.Printable(call.Caller.Subject);
        using var scope = RpcLog.BeginCall(logger, rpc, subject, call.CorrelationId);
        activity?.SetTag(TelemetryAttributes.RpcMethod, rpc);
        activity?.SetTag(TelemetryAttributes.Client, subject);
        activity?.SetTag(TelemetryAttributes.KeyId, call.KeyId);
        activity?.SetTag(TelemetryAttributes.CorrelationId, call.CorrelationId);
        var started = time.GetTimestamp();
        var outcome = "Success";
        try
        {
            budget.Admit(call, http);
            if (admission.Refusal(call, message) is { } refusal)
            {
                RpcLog.Refused(logger, rpc, refusal.Code, refusal.Message);
                outcome = refusal.Code.ToString();
                return InBandError<TResponse>.Create(refusal);
            }

            return await continuation(request, context);
        }
        catch (RpcException exception)
        {
            outcome = exception.StatusCode.ToString();
            throw;
        }
        catch (Exception exception)
        {
            try
            {
                var details = failures.Translate(exception, rpc, context, Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier);
                outcome = details.Code.ToString();
                return InBandError<TResponse>.Create(details);
            }
            catch (RpcException status)
            {
                outcome = status.StatusCode.ToString();
                throw;
            }
        }
        finally
        {
            activity?.SetTag(TelemetryAttributes.Outcome, outcome);
            activity?.SetTag(TelemetryAttributes.KeyType, call.Tags.KeyType);
            activity?.SetTag(TelemetryAttributes.Algorithm, call.Tags.Algorithm);
            if (outcome != "Success")
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            budget.Charge(call, http);
            var elapsed = time.GetElapsedTime(started);
            telemetry.RecordOperation(rpc, outcome, call.Tags, elapsed);
            audit.Record(call, message, outcome, elapsed);
        }
    }
}
