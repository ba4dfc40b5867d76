using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Supacrypt.V1;

namespace Supacrypt.Client.Hosting;

/// <summary>The Aspire client integration: one line registers a ready-to-inject supacrypt.v1 client.</summary>
public static class SupacryptClientExtensions
{
    /// <summary>The ActivitySource grpc-dotnet's client reports calls on.</summary>
    public const string GrpcClientActivitySource = "Grpc.Net.Client";

    /// <summary>
    /// Registers <see cref="SupacryptService.SupacryptServiceClient"/> for the resource <paramref name="connectionName"/>
    /// (its <c>grpc</c> endpoint through service discovery unless configured otherwise), with correlation ids, a
    /// health check named <c>supacrypt-{connectionName}</c> and tracing of every call.
    /// </summary>
    public static IHttpClientBuilder AddSupacryptClient(
        this IHostApplicationBuilder builder, string connectionName, Action<SupacryptClientSettings>? configureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        var settings = new SupacryptClientSettings();
        builder.Configuration.GetSection(SupacryptClientSettings.SectionName).Bind(settings);
        if (settings.Endpoint is null && builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            settings.Endpoint = new Uri(connectionString);
        }

        configureSettings?.Invoke(settings);
        // Service discovery keeps only endpoints of the address's scheme: certificates mean the backend speaks TLS.
        var usesCertificates = settings.CertificatePath is not null || settings.CertificateAuthorityPath is not null;
        var endpoint = settings.Endpoint ?? new Uri($"{(usesCertificates ? Uri.UriSchemeHttps : Uri.UriSchemeHttp)}://_grpc.{connectionName}");
        var connection = new SupacryptConnectionOptions
        {
            Endpoint = endpoint,
            CertificateAuthorityPath = settings.CertificateAuthorityPath,
            CertificatePath = settings.CertificatePath,
            KeyPath = settings.KeyPath,
        };

        builder.Services.AddServiceDiscovery();
        var client = builder.Services
            .AddGrpcClient<SupacryptService.SupacryptServiceClient>(options => options.Address = endpoint)
            .ConfigurePrimaryHttpMessageHandler(() => SupacryptChannel.CreateHandler(connection))
            .AddInterceptor(() => new CorrelationIdInterceptor())
            .AddServiceDiscovery();

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().AddCheck<SupacryptHealthCheck>($"supacrypt-{connectionName}");
        }

        if (!settings.DisableTracing)
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(GrpcClientActivitySource));
        }

        return client;
    }
}
