using System.Threading.RateLimiting;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Supacrypt.Backend.KeyVault;

/// <summary>
/// At most <see cref="KeyVaultOptions.MaxConcurrentRequests"/> requests in flight to Key Vault, the rest waiting in
/// arrival order up to <see cref="KeyVaultOptions.MaxQueuedRequests"/>; beyond that a request is refused at once as
/// throttled, so a burst the vault could not absorb anyway does not pile up memory and latency in the backend.
/// Sits per attempt (inside the retry policy), so a request waiting out a Retry-After holds no slot.
/// </summary>
internal sealed class ConcurrencyLimitPolicy(int permits, int queue) : HttpPipelinePolicy, IDisposable
{
    private static readonly TimeSpan RetryAfterWhenFull = TimeSpan.FromSeconds(1);

    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = permits,
        QueueLimit = queue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    // A synchronous caller cannot wait in the queue without blocking a thread on it, so it only takes a free slot.
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        using var lease = _limiter.AttemptAcquire(1);
        ThrowIfRefused(lease);
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var lease = await _limiter.AcquireAsync(1, message.CancellationToken);
        ThrowIfRefused(lease);
        await ProcessNextAsync(message, pipeline);
    }

    public void Dispose() => _limiter.Dispose();

    private void ThrowIfRefused(RateLimitLease lease)
    {
        if (!lease.IsAcquired)
        {
            throw new KeyVaultException(
                429,
                "BackendQueueFull",
                $"The backend already has {permits} Key Vault requests in flight and {queue} waiting; retry later.",
                RetryAfterWhenFull);
        }
    }
}
