using Grpc.Core;
using Supacrypt.V1;

namespace Supacrypt.Cli;

/// <summary>The command line or a file it names cannot be used; exit code 2.</summary>
public sealed class UsageException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>The backend answered in band with an error; exit code 1.</summary>
public sealed class RefusedException(ErrorDetails error, string correlationId)
    : Exception($"{ErrorCodeNames.Of(error.Code)}: {error.Message}")
{
    public ErrorDetails Error { get; } = error;

    public string CorrelationId { get; } = correlationId;
}

/// <summary>A call ended with a gRPC status instead of an answer; <paramref name="explanation"/> says why in words when the connection failed.</summary>
public sealed class CallFailedException(RpcException failure, string correlationId, string? explanation = null)
    : Exception($"{ErrorCodeNames.Of(failure.StatusCode)}: {explanation ?? failure.Status.Detail}", failure)
{
    public StatusCode StatusCode => failure.StatusCode;

    public string CorrelationId { get; } = correlationId;
}
