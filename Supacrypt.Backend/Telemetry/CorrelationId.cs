using System.Diagnostics;
using Grpc.Core;

namespace Supacrypt.Backend.Telemetry;

/// <summary>
/// The id that ties a caller's request to the backend's spans and log lines: the caller's <c>x-correlation-id</c>
/// when it is a plain token, else the trace id. A caller-supplied value is bounded and never echoed when malformed.
/// </summary>
public static class CorrelationId
{
    public const string Header = "x-correlation-id";
    private const int MaxLength = 128;

    public static string Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var supplied = context.RequestHeaders.GetValue(Header);
        if (supplied is { Length: > 0 and <= MaxLength } && supplied.All(IsTokenCharacter))
        {
            return supplied;
        }

        return Activity.Current?.TraceId.ToHexString() ?? context.GetHttpContext().TraceIdentifier;
    }

    private static bool IsTokenCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}
