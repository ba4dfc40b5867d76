using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Mutual TLS on https endpoints: Kestrel asks for a client certificate, certificate authentication accepts only
    /// chains to the configured authorities, and the gRPC service requires an authenticated caller.
    /// </summary>
    public static IServiceCollection AddSupacryptSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<SecurityOptions>>((kestrel, security) =>
        {
            if (security.Value.Mode != TransportSecurity.MutualTls)
            {
                return;
            }

            var certificate = ServerCertificate.Load(security.Value);
            kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ServerCertificate = certificate;
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;

                // The chain is judged by certificate authentication against the configured authorities only;
                // the operating system's trust store must not admit a client.
                https.ClientCertificateValidation = (_, _, _) => true;
            });
        });

        services.AddAuthentication(CertificateAuthenticationDefaults.AuthenticationScheme)
            .AddCertificate(options =>
            {
                options.AllowedCertificateTypes = CertificateTypes.Chained;
                options.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
                options.RevocationMode = X509RevocationMode.NoCheck;
                options.Events = new CertificateAuthenticationEvents { OnChallenge = ClientIdentity.ChallengeAsync };
            });
        services.AddOptions<CertificateAuthenticationOptions>(CertificateAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SecurityOptions>>((options, security) =>
            {
                if (security.Value.Mode == TransportSecurity.MutualTls)
                {
                    options.CustomTrustStore = ServerCertificate.LoadAuthorities(security.Value);
                }
            });
        services.AddAuthorization();
        return services;
    }
}
