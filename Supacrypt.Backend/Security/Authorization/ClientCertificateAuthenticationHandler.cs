using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Pipeline;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Accepts the connection's client certificate (from the handshake, or put there from a trusted ingress's header by
/// <see cref="ForwardedClientCertificateMiddleware"/>) once <see cref="ClientCertificateValidator"/> accepts it.
/// Not ASP.NET Core's certificate handler: that one builds chains with certificate downloads on.
/// </summary>
internal sealed class ClientCertificateAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ClientCertificateValidator validator,
    IdentityRefusalBudget refusals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SupacryptClientCertificate";

    // The principal of an accepted certificate object (one per connection), built on its first accepted call. Every
    // call is still judged first; only the building of the same claims again is saved.
    private static readonly ConditionalWeakTable<X509Certificate2, ClaimsPrincipal> Principals = [];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(Authenticate());

    private AuthenticateResult Authenticate()
    {
        var certificate = Context.Connection.ClientCertificate;
        if (certificate is null)
        {
            return AuthenticateResult.NoResult();
        }

        var verdict = validator.Validate(certificate, ForwardedClientCertificateMiddleware.IntermediatesOf(Context) ?? HandshakeIntermediates.Of(Context));
        if (!verdict.IsValid)
        {
            return AuthenticateResult.Fail($"The client certificate was refused: {verdict.Reason}");
        }

        var caller = CallerIdentity.Presenting(certificate);
        refusals.Accepted(caller.Thumbprint);
        var principal = Principals.GetValue(certificate, static accepted => PrincipalOf(CallerIdentity.Presenting(accepted)));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static ClaimsPrincipal PrincipalOf(CallerIdentity caller) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Thumbprint, caller.Thumbprint),
            new Claim(ClaimTypes.X500DistinguishedName, caller.Subject),
            new Claim(ClaimTypes.Name, caller.Subject),
        ],
        SchemeName));

    /// <summary>No certificate is 401 (gRPC UNAUTHENTICATED); a refused one is 403 (PERMISSION_DENIED).</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = Context.Connection.ClientCertificate is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
