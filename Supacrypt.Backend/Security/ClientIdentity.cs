using Microsoft.AspNetCore.Authentication.Certificate;

namespace Supacrypt.Backend.Security;

/// <summary>Who is calling, for audit, and how a caller without an acceptable identity is turned away.</summary>
internal static class ClientIdentity
{
    /// <summary>The subject of the caller's client certificate, or "anonymous" where mutual TLS is off.</summary>
    public static string Of(HttpContext context) =>
        context.Connection.ClientCertificate?.Subject ?? "anonymous";

    /// <summary>No certificate is 401 (gRPC UNAUTHENTICATED); a rejected one is 403 (PERMISSION_DENIED).</summary>
    public static Task ChallengeAsync(CertificateChallengeContext context)
    {
        context.HandleResponse();
        context.Response.StatusCode = context.HttpContext.Connection.ClientCertificate is null
            ? StatusCodes.Status401Unauthorized
            : StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
