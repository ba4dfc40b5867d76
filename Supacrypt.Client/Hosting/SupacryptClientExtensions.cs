using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
    /// health check named <c>supacrypt-{connectionName}</c> and tracing of every call. The connection is checked when
    /// the host starts: a TLS backend without a client certificate, a missing PEM file, a certificate without its key
    /// or an authority file that does not parse stops start-up with a message naming the <c>Supacrypt:Client</c>
    /// setting. A call that fails on the way (not HTTP/2, an untrusted server certificate) says why in its status.
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
        var usesCertificates = settings.CertificatePath is not null || settings.CertificateAuthorityPath is not null;
        var endpoint = settings.Endpoint ?? BackendEndpoint.Discovered(builder.Configuration, connectionName, usesCertificates);
        var connection = new SupacryptConnectionOptions
        {
            Endpoint = endpoint,
            CertificateAuthorityPath = settings.CertificateAuthorityPath,
            CertificatePath = settings.CertificatePath,
            KeyPath = settings.KeyPath,
        };

        builder.Services.AddOptions<ClientConnection>(connectionName)
            .Configure(resolved => resolved.Options = connection)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClientConnection>, ClientConnectionValidator>());

        builder.Services.AddServiceDiscovery();
        var client = builder.Services
            .AddGrpcClient<SupacryptService.SupacryptServiceClient>(options => options.Address = endpoint)
            .ConfigurePrimaryHttpMessageHandler(() => SupacryptChannel.CreateHandler(connection))
            .AddInterceptor(() => new CorrelationIdInterceptor())
            .AddInterceptor(() => new ConnectionFailureInterceptor(connection, ConnectionSettingNames.Configuration))
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
