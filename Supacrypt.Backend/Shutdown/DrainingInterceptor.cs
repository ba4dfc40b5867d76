using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Supacrypt.Backend.Shutdown;

/// <summary>Refuses calls with UNAVAILABLE once shutdown has begun, so clients retry elsewhere; counts the others.</summary>
internal sealed class DrainingInterceptor(CallDrain drain) : Interceptor
{
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
            return await continuation(request, context);
        }
        finally
        {
            drain.Leave();
        }
    }
}
