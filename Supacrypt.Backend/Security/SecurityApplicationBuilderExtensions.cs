using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Security;

public static class SecurityApplicationBuilderExtensions
{
    /// <summary>Correlation id, forwarded certificates (in that mode), authentication, authorization and rate limiting, in that order.</summary>
    public static WebApplication UseSupacryptSecurity(this WebApplication app)
    {
        app.UseMiddleware<CorrelationId>();
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.Mode == TransportSecurity.ForwardedClientCertificate)
        {
            app.UseMiddleware<ForwardedClientCertificateMiddleware>();
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Every call of <paramref name="endpoint"/> needs an accepted certificate (unless Insecure) and counts against its caller's rate limit.</summary>
    public static TBuilder RequireSupacryptCaller<TBuilder>(this TBuilder endpoint, WebApplication app)
        where TBuilder : IEndpointConventionBuilder
    {
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.Mode != TransportSecurity.Insecure)
        {
            endpoint.RequireAuthorization();
        }

        endpoint.RequireRateLimiting(PerCallerRateLimit.PolicyName);
        return endpoint;
    }
}
