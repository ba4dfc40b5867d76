using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Security;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// Each caller's budget of Key Vault requests (<c>Security:RateLimit</c>), one fixed window per caller (certificate
/// thumbprint; the remote address for callers without identity). A call needs one permit to start and then pays for
/// every further Key Vault request it made, so one ListKeys that walked 20 vault pages costs 20; a call over budget
/// is RESOURCE_EXHAUSTED with a <c>retry-after-ms</c> trailer.
/// </summary>
public sealed class CallerBudget : IDisposable
{
    public const string RetryAfterTrailer = "retry-after-ms";

    private readonly PartitionedRateLimiter<string>? _limiter;

    public CallerBudget(IOptions<SecurityOptions> options)
    {
        var limit = options.Value.RateLimit;
        if (limit.PermitLimit > 0)
        {
            // One factory for every partition, so finding a caller's window allocates nothing.
            var window = new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 };
            Func<string, RateLimiter> create = _ => new FixedWindowRateLimiter(window);
            _limiter = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.Get(caller, create));
        }
    }

    /// <summary>Takes the permit a call needs to start; throws RESOURCE_EXHAUSTED when the caller has none left.</summary>
    public void Admit(CallState call, HttpContext http)
    {
        if (_limiter is null)
        {
            return;
        }

        using var lease = _limiter.AttemptAcquire(PartitionOf(call, http));
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            var trailers = new Metadata { { RetryAfterTrailer, ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) } };
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Rate limit exceeded for this caller; retry after retry-after-ms milliseconds."), trailers);
        }
    }

    /// <summary>Charges the Key Vault requests a call made beyond the one its admission paid for, as far as the window holds them.</summary>
    public void Charge(CallState call, HttpContext http)
    {
        var extra = call.KeyVaultRequests - 1;
        if (_limiter is null || extra <= 0)
        {
            return;
        }

        var caller = PartitionOf(call, http);
        var available = _limiter.GetStatistics(caller)?.CurrentAvailablePermits ?? 0;
        var charge = (int)Math.Min(extra, available);
        if (charge > 0)
        {
            _limiter.AttemptAcquire(caller, charge).Dispose();
        }
    }

    public void Dispose() => _limiter?.Dispose();

    private static string PartitionOf(CallState call, HttpContext http) =>
        call.Caller.IsAnonymous ? $"address:{http.Connection.RemoteIpAddress}" : call.Caller.Thumbprint;
}
