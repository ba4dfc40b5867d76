using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.Pipeline;
using Supacrypt.Backend.Security;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.Grpc;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>Registers the supacrypt.v1 service, its custom method binding and the key operations behind it.</summary>
    public static IServiceCollection AddSupacryptGrpc(this IServiceCollection services)
    {
        services.AddGrpc(options => options.EnableDetailedErrors = false);
        services.AddCallPipeline();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<SupacryptGrpcService>, SupacryptMethodProvider>());
        services.AddBackendTelemetry();
        services.AddSingleton<KeyResolution>();
        services.AddSingleton<KeyNameLocks>();
        services.AddSingleton<KeyCreateRace>();
        services.AddSingleton<KeyGeneration>();
        services.AddSingleton<Signing>();
        services.AddSingleton<SignatureVerification>();
        services.AddSingleton<KeyLookup>();
        services.AddSingleton<KeyListing>();
        services.AddSingleton<KeyDeletion>();
        services.AddSingleton<Encryption>();
        services.AddSingleton<Decryption>();
        return services;
    }

    /// <summary>Maps the service; every call needs an accepted client certificate (unless Insecure) and is rate limited per caller.</summary>
    public static IEndpointConventionBuilder MapSupacryptGrpc(this WebApplication app) =>
        app.MapGrpcService<SupacryptGrpcService>().RequireSupacryptCaller(app);
}
