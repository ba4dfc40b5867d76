using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Hands the decoded request to <see cref="Grpc.RpcExecution"/>, which checks its sizes and records its algorithm
/// for the audit trail inside the one place that turns refusals into the contract's in-band errors.
/// </summary>
internal sealed class RequestCapture : Interceptor
{
    private static readonly object Key = new();

    public static object? RequestOf(ServerCallContext context) => context.UserState.TryGetValue(Key, out var request) ? request : null;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        context.UserState[Key] = request;
        return continuation(request, context);
    }
}
