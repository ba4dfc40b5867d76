using Grpc.Reflection;
using Grpc.Reflection.V1Alpha;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Supacrypt.V1;

namespace Supacrypt.Backend.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// The certificate-expiry and CRL readiness checks, grpc.health.v1 mirroring readiness, and (in Development) server reflection.
    /// </summary>
    public static IServiceCollection AddSupacryptHealth(this IServiceCollection services)
    {
        services.AddOptions<CertificateExpiryOptions>().BindConfiguration("Security").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHealthChecks()
            .AddCheck<ServerCertificateExpiryHealthCheck>("server-certificate", tags: ["ready"])
            .AddCheck<RevocationListHealthCheck>("certificate-revocation-lists", tags: ["ready"]);

        // Check runs every registered check on demand (no cached results), exactly like /health/ready. The package
        // also registers a publisher that runs every check on a timer to feed Watch: that would call Key Vault every
        // 30 s from every replica, probed or not, so publishers are removed (this backend has no other; probes use Check).
        services.AddGrpcHealthChecks();
        services.RemoveAll<IHealthCheckPublisher>();

        // The supacrypt service is bound without a generated base class, so reflection cannot discover its descriptor.
        services.AddSingleton(new ReflectionServiceImpl(SupacryptService.Descriptor, global::Grpc.Health.V1.Health.Descriptor, ServerReflection.Descriptor));
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>
    /// Maps grpc.health.v1.Health open to callers without a client certificate: it reveals only SERVING or NOT_SERVING.
    /// </summary>
    public static WebApplication MapSupacryptHealth(this WebApplication app)
    {
        app.MapGrpcHealthChecksService().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapGrpcReflectionService().AllowAnonymous();
        }

        return app;
    }
}
