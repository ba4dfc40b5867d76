using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Security;

/// <summary>
/// ASP.NET Core's rate limiter, one fixed window per caller (certificate thumbprint; the remote address for callers
/// without identity). A refused call is answered as gRPC RESOURCE_EXHAUSTED with a <c>retry-after-ms</c> trailer.
/// </summary>
internal static class PerCallerRateLimit
{
    public const string PolicyName = "supacrypt-per-caller";
    public const string RetryAfterTrailer = "retry-after-ms";

    public static void Configure(RateLimiterOptions limiter, RateLimitOptions options)
    {
        limiter.AddPolicy(PolicyName, context =>
        {
            var caller = CallerIdentity.Of(context);
            var partition = caller.IsAnonymous ? $"address:{context.Connection.RemoteIpAddress}" : caller.Thumbprint;
            return options.PermitLimit <= 0
                ? RateLimitPartition.GetNoLimiter(partition)
                : RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = options.Window,
                    QueueLimit = 0,
                });
        });
        limiter.OnRejected = RejectAsync;
    }

    // A trailers-only gRPC response: HTTP 200 whose headers carry the status, which clients read as trailers.
    private static ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = "8";
        response.Headers["grpc-message"] = "Rate limit exceeded for this caller; retry after retry-after-ms milliseconds.";
        response.Headers[RetryAfterTrailer] = ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        rejected.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(AuditLog.Category)
            .LogWarning("Audit: rate limit refused {Path} by {Subject} ({Thumbprint})", rejected.HttpContext.Request.Path.Value, CallerIdentity.Printable(CallerIdentity.Of(rejected.HttpContext).Subject), CallerIdentity.Of(rejected.HttpContext).Thumbprint);
        return ValueTask.CompletedTask;
    }
}
