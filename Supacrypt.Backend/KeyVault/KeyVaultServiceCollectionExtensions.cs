using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
            var pipeline = CreatePipeline(options, vaultUri, credential, provider.GetRequiredService<CircuitBreakerPolicy>());
            return new KeyVaultKeyClient(pipeline, vaultUri, options.ApiVersion);
        });
        services.AddSingleton<PublicKeyCache>();
        services.AddSingleton<KeyVaultHealthCheck>();
        services.AddHealthChecks().AddCheck<KeyVaultHealthCheck>("keyvault", tags: ["ready"]);
        return services;
    }

    private static HttpPipeline CreatePipeline(KeyVaultOptions options, Uri vaultUri, TokenCredential? credential, CircuitBreakerPolicy breaker)
    {
        var clientOptions = new KeyVaultClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.Diagnostics.ApplicationId = "supacrypt-backend";

        var concurrency = new ConcurrencyLimitPolicy(options.MaxConcurrentRequests, options.MaxQueuedRequests);
        HttpPipelinePolicy[] perRetryPolicies = credential is null
            ? [concurrency]
            : [new BearerTokenAuthenticationPolicy(credential, KeyVaultCredentials.ScopeFor(vaultUri)), concurrency];
        // Per call, outside the retry policy: the breaker judges each call by its final outcome.
        return HttpPipelineBuilder.Build(clientOptions, [breaker], perRetryPolicies, new KeyVaultResponseClassifier(options.MaxRetryAfter));
    }

    private sealed class KeyVaultClientOptions : ClientOptions;
}
