using Grpc.Core;
using Supacrypt.Client;

namespace Supacrypt.Tests.Unit;

/// <summary>
/// The transport's own failures as grpc-dotnet reports them, for the ones whose wording depends on timing and so
/// cannot be produced on demand by a real server.
/// </summary>
public sealed class ConnectionFailureExplanationTests
{
    private static readonly SupacryptConnectionOptions Plaintext = new() { Endpoint = new Uri("http://127.0.0.1:8081") };

    [Theory]
    // The server closed the connection before answering the HTTP/2 preface.
    [InlineData("An HTTP/2 connection could not be established because the server did not complete the HTTP/2 handshake.")]
    // The server answered the preface in HTTP/1.1.
    [InlineData("The HTTP/2 server reset the stream. HTTP/2 error code 'HTTP_1_1_REQUIRED' (0xd).")]
    public void An_endpoint_that_does_not_speak_http_2_is_named_with_the_setting_that_fixes_it(string transportMessage)
    {
        var failure = new RpcException(new Status(
            StatusCode.Unavailable, $"Error starting gRPC call. HttpRequestException: {transportMessage}", new HttpRequestException(transportMessage)));

        var explanation = ConnectionFailure.Explain(failure, Plaintext, ConnectionSettingNames.Configuration);

        Assert.NotNull(explanation);
        Assert.Contains("http://127.0.0.1:8081/ does not speak HTTP/2", explanation, StringComparison.Ordinal);
        Assert.Contains(ConnectionSettingNames.Configuration.Endpoint, explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_from_the_backend_is_not_explained_as_a_connection_failure()
    {
        var failure = new RpcException(new Status(StatusCode.InvalidArgument, "page_size must be between 1 and 100."));

        Assert.Null(ConnectionFailure.Explain(failure, Plaintext, ConnectionSettingNames.Configuration));
    }
}
