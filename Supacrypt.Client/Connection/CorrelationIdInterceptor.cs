using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Supacrypt.Client;

/// <summary>Adds an <c>x-correlation-id</c> header to every call that does not already carry one.</summary>
public sealed class CorrelationIdInterceptor : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        if (CorrelationId.IsPresent(context.Options.Headers))
        {
            return continuation(request, context);
        }

        // A copy: the caller may reuse its headers for other calls, each of which needs its own id.
        var headers = new Metadata();
        foreach (var entry in context.Options.Headers ?? [])
        {
            headers.Add(entry);
        }

        headers.Add(CorrelationId.HeaderName, CorrelationId.Next());
        var withId = new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
        return continuation(request, withId);
    }
}
