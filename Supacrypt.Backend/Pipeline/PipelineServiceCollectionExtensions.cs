using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Supacrypt.Backend.Shutdown;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>Registers the one gRPC interceptor and what it runs: drain, admission, error translation, the audit writer.</summary>
    public static IServiceCollection AddCallPipeline(this IServiceCollection services)
    {
        services.AddBackendTelemetry();
        services.AddHttpContextAccessor();
        services.TryAddSingleton<CallDrain>();
        services.TryAddSingleton<CallerBudget>();
        services.TryAddSingleton<CallerKeyVaultRequests>();
        services.TryAddSingleton<CallAdmission>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<FailureTranslation>();
        services.TryAddSingleton<CallPipeline>();
        services.AddHostedService<AuditLevelCheck>();
        services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<CallPipeline>());
        return services;
    }
}
