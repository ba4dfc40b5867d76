using Grpc.Core;
using Grpc.Core.Interceptors;
using Supacrypt.Client;
using Supacrypt.V1;

namespace Supacrypt.Tests.Client;

public sealed class CorrelationIdTests
{
    [Fact]
    public async Task Every_call_gets_its_own_correlation_id_and_a_given_one_is_kept()
    {
        var invoker = new RecordingInvoker();
        var client = new SupacryptService.SupacryptServiceClient(invoker.Intercept(new CorrelationIdInterceptor()));
        var shared = new Metadata { { "x-tenant", "a" } };

        await client.ListKeysAsync(new ListKeysRequest(), shared);
        await client.ListKeysAsync(new ListKeysRequest(), shared);
        await client.ListKeysAsync(new ListKeysRequest(), CorrelationId.Headers("chosen-id"));

        var ids = invoker.Headers.Select(headers => headers.GetValue(CorrelationId.HeaderName)).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Matches("^[0-9a-f]{32}$", ids[0]!);
        Assert.NotEqual(ids[0], ids[1]);
        Assert.Equal("chosen-id", ids[2]);
        Assert.Equal("a", invoker.Headers[0].GetValue("x-tenant"));
        Assert.Null(shared.Get(CorrelationId.HeaderName));
    }

    // Stands in for the network: records each call's headers and answers an empty success.
    private sealed class RecordingInvoker : CallInvoker
    {
        public List<Metadata> Headers { get; } = [];

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            Headers.Add(options.Headers ?? []);
            var response = (TResponse)(object)new ListKeysResponse { Success = new ListKeysSuccess() };
            return new AsyncUnaryCall<TResponse>(Task.FromResult(response), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();
    }
}
