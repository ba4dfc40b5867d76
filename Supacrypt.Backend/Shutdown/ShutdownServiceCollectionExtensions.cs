using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Shutdown;

public static class ShutdownServiceCollectionExtensions
{
    // Room after the grace period for Kestrel to close connections politely before the host gives up on it.
    private static readonly TimeSpan ServerStopAllowance = TimeSpan.FromSeconds(3);

    /// <summary>Draining on SIGTERM: readiness fails, new calls are UNAVAILABLE (the call pipeline asks <see cref="CallDrain"/>), calls in flight get the grace period.</summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>()
            .Bind(configuration.GetSection(ShutdownOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<CallDrain>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.ShutdownGracePeriod + ServerStopAllowance);
        services.AddHostedService<GracefulShutdown>();
        services.AddHealthChecks().AddCheck<DrainingHealthCheck>("shutdown", tags: ["ready"]);
        return services;
    }
}
