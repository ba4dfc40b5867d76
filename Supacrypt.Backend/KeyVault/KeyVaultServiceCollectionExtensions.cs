using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.KeyVault;

public static class KeyVaultServiceCollectionExtensions
{
    /// <summary>Registers the Key Vault client, its validated options, the public-key cache and the readiness check.</summary>
    public static IServiceCollection AddKeyVaultKeys(this IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<KeyVaultOptions>, KeyVaultOptionsSetup>();
        services.AddSingleton<IValidateOptions<KeyVaultOptions>, KeyVaultOptionsValidator>();
        services.AddOptions<KeyVaultOptions>().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KeyVaultOptions>>().Value;
            var vaultUri = options.VaultUri!;
            var breaker = new CircuitBreakerPolicy(options.CircuitBreakerFailures, options.CircuitBreakDuration, provider.GetRequiredService<TimeProvider>());
            var metrics = ActivatorUtilities.CreateInstance<KeyVaultRequestMetricsPolicy>(provider);
            provider.GetRequiredService<BackendTelemetry>().ObserveCircuit(() => breaker.State);
            return new KeyVaultKeyClient(CreatePipeline(options, vaultUri, breaker, metrics), vaultUri, options.ApiVersion);
        });
        services.AddBackendTelemetry();
        services.AddSingleton<PublicKeyCache>();
        // A probe must answer promptly even when Key Vault hangs, so it does not wait out the client's retries.
        services.AddHealthChecks().AddCheck<KeyVaultHealthCheck>("keyvault", tags: ["ready"], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    private static HttpPipeline CreatePipeline(KeyVaultOptions options, Uri vaultUri, CircuitBreakerPolicy breaker, KeyVaultRequestMetricsPolicy metrics)
    {
        var clientOptions = new KeyVaultClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.Diagnostics.ApplicationId = "supacrypt-backend";
        clientOptions.AddPolicy(metrics, HttpPipelinePosition.PerRetry);

        var credential = KeyVaultCredentials.Create(options);
        HttpPipelinePolicy[] perRetryPolicies = credential is null
            ? []
            : [new BearerTokenAuthenticationPolicy(credential, KeyVaultCredentials.ScopeFor(vaultUri))];
        // Per call, outside the retry policy: the breaker judges each call by its final outcome.
        return HttpPipelineBuilder.Build(clientOptions, [breaker], perRetryPolicies, new ResponseClassifier());
    }

    private sealed class KeyVaultClientOptions : ClientOptions;
}
