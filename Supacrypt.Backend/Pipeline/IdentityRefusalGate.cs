using System.Globalization;
using Supacrypt.Backend.Security;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// Runs before authentication: a supacrypt.v1 call from an address that has used up its <see cref="IdentityRefusalBudget"/>
/// is answered RESOURCE_EXHAUSTED at once, without validating its certificate, unless that certificate was accepted
/// before. Calls whose identity is accepted never spend the budget.
/// </summary>
internal sealed class IdentityRefusalGate(RequestDelegate next, IdentityRefusalBudget budget, AuditLog audit)
{
    // Only the crypto service: health probes (HTTP, or gRPC health from a kubelet) are never refused here.
    private static readonly PathString SupacryptService = new("/supacrypt.v1.SupacryptService");

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address
            || budget.HasBudget(address)
            || !context.Request.Path.StartsWithSegments(SupacryptService, StringComparison.Ordinal)
            || (context.Connection.ClientCertificate is { } certificate && budget.WasAccepted(CallerIdentity.ThumbprintOf(certificate))))
        {
            return next(context);
        }

        if (budget.ShouldAuditExhaustion(address))
        {
            var presented = context.Connection.ClientCertificate;
            audit.RecordRefusal(context, presented is null ? CallerIdentity.Anonymous : CallerIdentity.Presenting(presented), "ResourceExhausted");
        }

        // A trailers-only gRPC response: HTTP 200 whose headers carry the status, which clients read as trailers.
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = "8";
        response.Headers["grpc-message"] = "Too many calls from this address were refused for their identity; retry later with a valid client certificate.";
        response.Headers[CallerBudget.RetryAfterTrailer] = ((long)budget.Window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }
}
