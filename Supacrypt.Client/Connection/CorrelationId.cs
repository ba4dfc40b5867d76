using System.Diagnostics;
using Grpc.Core;

namespace Supacrypt.Client;

/// <summary>The <c>x-correlation-id</c> header the backend logs and echoes, so one call can be found on both sides.</summary>
public static class CorrelationId
{
    public const string HeaderName = "x-correlation-id";

    /// <summary>The current trace id when there is one (the backend falls back to the same), else a fresh id.</summary>
    public static string Next() => Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");

    /// <summary>Headers that carry <paramref name="correlationId"/>.</summary>
    public static Metadata Headers(string correlationId) => new() { { HeaderName, correlationId } };

    internal static bool IsPresent(Metadata? headers) => headers?.Get(HeaderName) is not null;
}
