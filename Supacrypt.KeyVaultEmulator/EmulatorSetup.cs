using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Supacrypt.KeyVaultEmulator.Api;
using Supacrypt.KeyVaultEmulator.Faults;
using Supacrypt.KeyVaultEmulator.Keys;
using Supacrypt.KeyVaultEmulator.Load;
using Supacrypt.KeyVaultEmulator.Persistence;
using Supacrypt.KeyVaultEmulator.Security;

namespace Supacrypt.KeyVaultEmulator;

/// <summary>Registration, pipeline and endpoints of the emulator, so that Program.cs stays wiring only.</summary>
public static class EmulatorSetup
{
    public static WebApplicationBuilder AddKeyVaultEmulator(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<EmulatorOptions>()
            .Bind(builder.Configuration.GetSection(EmulatorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IKeyPersistence>(provider =>
            string.IsNullOrWhiteSpace(provider.GetRequiredService<IOptions<EmulatorOptions>>().Value.DataDirectory)
                ? new InMemoryPersistence()
                : ActivatorUtilities.CreateInstance<EncryptedFilePersistence>(provider));
        services.AddSingleton<KeyStore>();
        services.AddSingleton<PendingFaults>();
        services.AddOptions<LoadSettings>()
            .Bind(builder.Configuration.GetSection(LoadSettings.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<LoadModel>();
        services.AddHostedService<KeyStoreStartup>();
        return builder;
    }

    /// <summary>Middleware order matters: errors outermost, then path folding, challenge, api-version, routing, load model, queued faults.</summary>
    public static WebApplication UseKeyVaultEmulator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<KeyVaultErrorMiddleware>();
        app.UseMiddleware<PathNormalizationMiddleware>();
        app.UseMiddleware<BearerChallengeMiddleware>();
        app.UseMiddleware<ApiVersionMiddleware>();
        app.UseRouting();
        app.UseMiddleware<LoadModelMiddleware>();
        if (FaultInjectionEnabled(app))
        {
            app.UseMiddleware<FaultInjectionMiddleware>();
        }

        return app;
    }

    public static WebApplication MapKeyVaultEmulator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapKeyEndpoints();
        app.MapDeletedKeyEndpoints();
        app.MapCryptoEndpoints();
        if (FaultInjectionEnabled(app))
        {
            app.MapFaultEndpoints();
        }

        app.MapFallback("/keys/{**rest}", UnknownOperation);
        app.MapFallback("/deletedkeys/{**rest}", UnknownOperation);

        return app;
    }

    private static bool FaultInjectionEnabled(WebApplication app) =>
        app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value.EnableFaultInjection;

    private static IResult UnknownOperation(HttpContext context) =>
        throw KeyVaultErrors.BadParameter(
            $"{context.Request.Method} {context.Request.Path} is not an operation of the Key Vault keys API emulated here.");
}
