using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Supacrypt.Client;

/// <summary>
/// Replaces a failed call's transport message with <see cref="ConnectionFailure.Explain"/>'s words (the status code and
/// the original exception stay), so that the first failing call says which setting to fix.
/// </summary>
public sealed class ConnectionFailureInterceptor(SupacryptConnectionOptions connection, ConnectionSettingNames names) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(Explained(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private async Task<TResponse> Explained<TResponse>(Task<TResponse> response)
    {
        try
        {
            return await response.ConfigureAwait(false);
        }
        catch (RpcException failure) when (ConnectionFailure.Explain(failure, connection, names) is { } explanation)
        {
            throw new RpcException(
                new Status(failure.StatusCode, $"{explanation} ({failure.Status.Detail})", failure.Status.DebugException), failure.Trailers, explanation);
        }
    }
}
