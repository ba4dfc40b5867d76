using Azure.Core;
using Azure.Core.Pipeline;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// Counts every request (each attempt, retries too) the Key Vault pipeline sends on behalf of the call running on
/// this request, so <see cref="CallerBudget"/> charges callers for Key Vault requests rather than RPCs.
/// </summary>
internal sealed class CallerKeyVaultRequests(IHttpContextAccessor accessor) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => accessor.HttpContext?.Features.Get<CallState>()?.CountKeyVaultRequest();
}
