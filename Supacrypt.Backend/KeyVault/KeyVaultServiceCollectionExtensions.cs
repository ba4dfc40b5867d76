using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Pipeline;
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
            // A call that outlived the network timeout failed anyway, so a slow call is never judged later than that.
            var slowCall = TimeSpan.FromTicks(Math.Min(options.CircuitBreakerSlowCall.Ticks, options.NetworkTimeout.Ticks));
            return new CircuitBreakerPolicy(
                options.CircuitBreakerFailures, options.CircuitBreakDuration, slowCall, provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KeyVaultOptions>>().Value;
            var vaultUri = options.VaultUri!;
            // A host may register its own TokenCredential; otherwise KeyVault:Credential chooses one.
            var credential = options.Credential == KeyVaultCredentialKind.None
                ? null
                : provider.GetService<TokenCredential>() ?? KeyVaultCredentials.Create(options);
            var breaker = provider.GetRequiredService<CircuitBreakerPolicy>();
            provider.GetRequiredService<BackendTelemetry>().ObserveCircuit(() => breaker.State);
            var metrics = ActivatorUtilities.CreateInstance<KeyVaultRequestMetricsPolicy>(provider);
            var pipeline = CreatePipeline(options, vaultUri, credential, breaker, metrics, provider.GetService<CallerKeyVaultRequests>());
            return new KeyVaultKeyClient(pipeline, vaultUri, options.ApiVersion);
        });
        services.AddBackendTelemetry();
        services.AddSingleton<PublicKeyCache>();
        services.AddSingleton<KeyVaultHealthCheck>();
        services.AddHealthChecks().AddCheck<KeyVaultHealthCheck>("keyvault", tags: ["ready"]);
        return services;
    }

    private static HttpPipeline CreatePipeline(
        KeyVaultOptions options,
        Uri vaultUri,
        TokenCredential? credential,
        CircuitBreakerPolicy breaker,
        KeyVaultRequestMetricsPolicy metrics,
        CallerKeyVaultRequests? callerRequests)
    {
        var clientOptions = new KeyVaultClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.Diagnostics.ApplicationId = "supacrypt-backend";
        clientOptions.AddPolicy(metrics, HttpPipelinePosition.PerRetry);
        if (callerRequests is not null)
        {
            // Per retry: each attempt is a request Key Vault counts against the vault's limits.
            clientOptions.AddPolicy(callerRequests, HttpPipelinePosition.PerRetry);
        }

        // The breaker sits per attempt, after the concurrency slot is taken: it judges what one request to Key Vault
        // did, never the time a call spent queued for a slot or waiting out a Retry-After between attempts.
        var concurrency = new ConcurrencyLimitPolicy(options.MaxConcurrentRequests, options.MaxQueuedRequests);
        HttpPipelinePolicy[] perRetryPolicies = credential is null
            ? [concurrency, breaker]
            : [new BearerTokenAuthenticationPolicy(credential, KeyVaultCredentials.ScopeFor(vaultUri)), concurrency, breaker];
        return HttpPipelineBuilder.Build(clientOptions, [], perRetryPolicies, new KeyVaultResponseClassifier(options.MaxRetryAfter));
    }

    private sealed class KeyVaultClientOptions : ClientOptions;
}
