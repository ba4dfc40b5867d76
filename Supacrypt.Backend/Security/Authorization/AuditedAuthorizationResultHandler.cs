using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Supacrypt.Backend.Pipeline;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Audits the calls refused before they reach the call pipeline, through its one audit writer: no client certificate
/// (UNAUTHENTICATED) or one that was refused (PERMISSION_DENIED). Each refusal also spends its remote address's
/// <see cref="IdentityRefusalBudget"/>. The answer itself stays ASP.NET Core's.
/// </summary>
internal sealed class AuditedAuthorizationResultHandler(AuditLog audit, IdentityRefusalBudget budget) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _answer = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged || authorizeResult.Forbidden)
        {
            // The caller was not accepted, so its certificate (if any) is named as presented, not as an identity.
            var certificate = context.Connection.ClientCertificate;
            var caller = certificate is null ? CallerIdentity.Anonymous : CallerIdentity.Presenting(certificate);
            audit.RecordRefusal(context, caller, certificate is null ? "Unauthenticated" : "PermissionDenied");
            budget.Spend(context);
        }

        return _answer.HandleAsync(next, context, policy, authorizeResult);
    }
}
