using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Audits the calls refused before they reach the service: no client certificate (UNAUTHENTICATED) or one that was
/// refused (PERMISSION_DENIED). The answer itself stays ASP.NET Core's.
/// </summary>
internal sealed class AuditedAuthorizationResultHandler(AuditLog audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _answer = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged || authorizeResult.Forbidden)
        {
            // The caller was not accepted, so its certificate (if any) is named as presented, not as an identity.
            var certificate = context.Connection.ClientCertificate;
            var caller = certificate is null
                ? CallerIdentity.Anonymous
                : CallerIdentity.Presenting(certificate);
            var rpc = context.Request.Path.Value is { } path ? path[(path.LastIndexOf('/') + 1)..] : "";
            var outcome = certificate is null ? "Unauthenticated" : "PermissionDenied";
            audit.Record(rpc, "", null, caller, outcome, TimeSpan.Zero, CorrelationId.Of(context));
        }

        return _answer.HandleAsync(next, context, policy, authorizeResult);
    }
}
