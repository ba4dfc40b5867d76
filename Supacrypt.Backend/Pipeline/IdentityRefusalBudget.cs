using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Security;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// Calls refused for their identity (no certificate, a refused certificate or forwarded header), counted per remote
/// address (<c>Security:RefusedCallLimit</c>). Once an address has spent its budget in a window, its calls are refused
/// before authentication, so junk certificates cannot make the backend build chains and write audit records without
/// bound; only a certificate this replica has already accepted still gets through from there.
/// </summary>
public sealed class IdentityRefusalBudget : IDisposable
{
    private const int MaxRemembered = 10_000;
    private readonly PartitionedRateLimiter<IPAddress>? _refusals;
    private readonly PartitionedRateLimiter<IPAddress>? _auditedRefusals;
    private readonly ConcurrentDictionary<string, bool> _accepted = new(StringComparer.Ordinal);

    // Addresses that were refused at all: every other caller passes without touching the limiter's lock.
    private readonly ConcurrentDictionary<IPAddress, bool> _refusedAddresses = new();

    public IdentityRefusalBudget(IOptions<SecurityOptions> options)
    {
        var limit = options.Value.RefusedCallLimit;
        Window = limit.Window;
        if (limit.PermitLimit <= 0)
        {
            return;
        }

        _refusals = PerAddress(limit.PermitLimit, limit.Window);
        // One audit record per address and window says the address is being refused, however many calls follow.
        _auditedRefusals = PerAddress(1, limit.Window);
    }

    public TimeSpan Window { get; }

    /// <summary>Whether calls from <paramref name="address"/> may still be refused for their identity in this window.</summary>
    public bool HasBudget(IPAddress address)
    {
        if (_refusals is null || !_refusedAddresses.ContainsKey(address))
        {
            return true;
        }

        using var probe = _refusals.AttemptAcquire(address, 0);
        return probe.IsAcquired;
    }

    /// <summary>True once per address and window: the first refusal for lack of budget is audited, the rest are not.</summary>
    public bool ShouldAuditExhaustion(IPAddress address)
    {
        using var lease = _auditedRefusals?.AttemptAcquire(address);
        return lease?.IsAcquired == true;
    }

    public void Spend(HttpContext context)
    {
        if (_refusals is not null && context.Connection.RemoteIpAddress is { } address)
        {
            Remember(_refusedAddresses, address);
            _refusals.AttemptAcquire(address).Dispose();
        }
    }

    /// <summary>Notes a certificate authentication accepted; it is let through even from an address out of budget.</summary>
    public void Accepted(string thumbprint) => Remember(_accepted, thumbprint);

    public bool WasAccepted(string thumbprint) => _accepted.ContainsKey(thumbprint);

    public void Dispose()
    {
        _refusals?.Dispose();
        _auditedRefusals?.Dispose();
    }

    // Bounded: past the limit the memory starts afresh, which forgets refusals (and accepted certificates) but never grows.
    private static void Remember<TKey>(ConcurrentDictionary<TKey, bool> entries, TKey key)
        where TKey : notnull
    {
        if (entries.Count >= MaxRemembered)
        {
            entries.Clear();
        }

        entries.TryAdd(key, true);
    }

    private static PartitionedRateLimiter<IPAddress> PerAddress(int permits, TimeSpan window)
    {
        var options = new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 };
        Func<IPAddress, RateLimiter> create = _ => new FixedWindowRateLimiter(options);
        return PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.Get(address, create));
    }
}
