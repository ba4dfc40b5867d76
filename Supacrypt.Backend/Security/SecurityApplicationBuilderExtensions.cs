using Microsoft.Extensions.Options;
using Supacrypt.Backend.Pipeline;

namespace Supacrypt.Backend.Security;

public static class SecurityApplicationBuilderExtensions
{
    /// <summary>
    /// Correlation id, forwarded certificates (in that mode), the per-address budget of identity refusals,
    /// authentication and authorization, in that order; the per-caller budget is the call pipeline's.
    /// </summary>
    public static WebApplication UseSupacryptSecurity(this WebApplication app)
    {
        app.UseMiddleware<CorrelationId>();
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.Mode == TransportSecurity.ForwardedClientCertificate)
        {
            app.UseMiddleware<ForwardedClientCertificateMiddleware>();
        }

        app.UseMiddleware<IdentityRefusalGate>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Every call of <paramref name="endpoint"/> needs an accepted certificate (unless Insecure).</summary>
    public static TBuilder RequireSupacryptCaller<TBuilder>(this TBuilder endpoint, WebApplication app)
        where TBuilder : IEndpointConventionBuilder
    {
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.Mode != TransportSecurity.Insecure)
        {
            endpoint.RequireAuthorization();
        }

        return endpoint;
    }
}
