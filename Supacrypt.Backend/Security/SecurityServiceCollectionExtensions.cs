using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Pipeline;

namespace Supacrypt.Backend.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Caller identity (mutual TLS, or a certificate forwarded by a trusted ingress), per-key authorization, the
    /// audit trail, per-caller rate limits and request size limits.
    /// </summary>
    public static IServiceCollection AddSupacryptSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton<RevocationListHistory>();
        services.AddSingleton<SecurityFiles>();
        services.AddHostedService<RevocationListDownloads>();
        services.AddHostedService<RevocationWatch>();
        services.AddSingleton<ClientCertificateValidator>();
        services.AddSingleton<KeyAccess>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<ProxyTrust>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<SecurityOptions>, SecurityFiles, IServiceProvider>(
            (kestrel, security, files, provider) =>
            {
                if (security.Value.Mode == TransportSecurity.MutualTls)
                {
                    var validator = provider.GetRequiredService<ClientCertificateValidator>();
                    kestrel.ConfigureHttpsDefaults(https => RequestClientCertificates(https, files, validator));
                }
                else if (security.Value.PresentsServerCertificate)
                {
                    var proxy = provider.GetRequiredService<ProxyTrust>();
                    kestrel.ConfigureHttpsDefaults(https => RequestProxyCertificates(https, files, proxy));
                }
            });

        services.AddAuthentication(ClientCertificateAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ClientCertificateAuthenticationHandler>(ClientCertificateAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResultHandler>();

        services.AddSingleton<IdentityRefusalBudget>();
        services.TryAddSingleton<AuditLog>();

        services.Configure<GrpcServiceOptions>(grpc => grpc.MaxReceiveMessageSize = RequestLimits.MaxMessageBytes);
        return services;
    }

    // The forwarded mode's mutual-TLS hop: the proxy's certificate is judged at the handshake against the proxy
    // authority only; a connection without one is let through (anonymous health checks), but its header is ignored.
    private static void RequestProxyCertificates(HttpsConnectionAdapterOptions https, SecurityFiles files, ProxyTrust proxy)
    {
        https.ServerCertificateSelector = (_, _) => files.Current.ServerCertificate;
        https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
        https.CheckCertificateRevocation = false;
        https.ClientCertificateValidation = (certificate, chain, _) => proxy.Accepts(certificate, chain?.ChainPolicy.ExtraStore);
        https.OnAuthenticate = (_, ssl) => ssl.CertificateChainPolicy = proxy.CreateChainPolicy();
    }

    // The handshake asks for a certificate but lets a connection without one through, so that services such as the
    // gRPC health check answer anonymous callers; the Supacrypt service then refuses them per call. A certificate that
    // is presented and invalid is refused here, at the handshake, by the same validator authentication uses.
    private static void RequestClientCertificates(HttpsConnectionAdapterOptions https, SecurityFiles files, ClientCertificateValidator validator)
    {
        https.ServerCertificateSelector = (_, _) => files.Current.ServerCertificate;
        https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
        https.CheckCertificateRevocation = false;
        https.ClientCertificateValidation = (certificate, chain, _) => validator.ValidateAtHandshake(certificate, chain?.ChainPolicy.ExtraStore).IsValid;

        // SslStream builds its own chain before the callback above: without this policy it would download a missing
        // issuer from the certificate's AIA URL, a request any caller could aim anywhere.
        https.OnAuthenticate = (connection, ssl) =>
        {
            ssl.CertificateChainPolicy = validator.CreateChainPolicy();
            HandshakeIntermediates.Begin(connection);
        };
    }
}
