using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Supacrypt.Backend.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Registers the backend's meter and instruments once, for whichever part of the backend needs them first.</summary>
    public static IServiceCollection AddBackendTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BackendTelemetry>();
        return services;
    }
}
