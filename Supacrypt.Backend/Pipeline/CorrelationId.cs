using System.Diagnostics;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// The id that ties a call's audit record, logs and the caller's own records together: the request's
/// <c>x-correlation-id</c> when it is a sane token, otherwise the trace id; always echoed in the response headers.
/// </summary>
internal sealed class CorrelationId(RequestDelegate next)
{
    public const string HeaderName = "x-correlation-id";
    private const int MaxLength = 128;
    private static readonly object ItemKey = new();

    public static string Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var id) && id is string text ? text : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    public Task InvokeAsync(HttpContext context)
    {
        var requested = context.Request.Headers[HeaderName].ToString();
        var id = IsSane(requested) ? requested : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Items[ItemKey] = id;
        context.Response.Headers[HeaderName] = id;
        return next(context);
    }

    // A caller's id goes into logs and headers: letters, digits and a few separators only, bounded.
    private static bool IsSane(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
