using System.Security.Authentication;
using Grpc.Core;
using Spectre.Console.Cli;
using Supacrypt.Client;

namespace Supacrypt.Cli;

/// <summary>Turns whatever ended a command into one line on standard error and an exit code.</summary>
internal static class FailureReport
{
    public static int Write(Exception exception, TextWriter error, bool verbose)
    {
        var (code, line) = Describe(exception);
        error.WriteLine($"error: {line}");
        if (verbose)
        {
            error.WriteLine(exception.ToString());
        }

        return code;
    }

    private static (int Code, string Line) Describe(Exception exception) => exception switch
    {
        CommandAppException usage => (ExitCodes.Usage, usage.Message),
        UsageException usage => (ExitCodes.Usage, usage.Message),
        SupacryptConnectionException connection => (ExitCodes.Usage, connection.Message),
        RefusedException refused => (ExitCodes.Refused, $"{refused.Message} (correlation id {refused.CorrelationId})"),
        CallFailedException failed => (ExitCodeOf(failed.StatusCode), $"{failed.Message}{Cause(failed.InnerException)} (correlation id {failed.CorrelationId})"),
        OperationCanceledException => (ExitCodes.Refused, "cancelled"),
        _ => (ExitCodes.Refused, $"{exception.GetType().Name}: {exception.Message}"),
    };

    // Connection and TLS trouble, and a caller the backend does not know at all, are exit code 3; anything the
    // backend decided about a known caller's request is a refusal.
    private static int ExitCodeOf(StatusCode status) => status switch
    {
        StatusCode.Unavailable or StatusCode.Unauthenticated or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown => ExitCodes.Connection,
        _ => ExitCodes.Refused,
    };

    // grpc-dotnet reports a failed connection as UNAVAILABLE "Error starting gRPC call"; the innermost cause says why.
    private static string Cause(Exception? exception)
    {
        var innermost = (exception as RpcException)?.Status.DebugException;
        while (innermost?.InnerException is not null && innermost is not AuthenticationException)
        {
            innermost = innermost.InnerException;
        }

        return innermost is null || innermost.Message.Length == 0 ? "" : $" ({innermost.Message.TrimEnd('.')})";
    }
}
