using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Supacrypt.Backend.Grpc;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Security;

/// <summary>
/// A backend on real Kestrel (Production environment) with the security settings a test gives, optionally also read
/// from a JSON file that is watched for changes; clients for any certificate. Dispose it at the end of the test.
/// </summary>
public sealed class SecuredBackend : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly List<GrpcChannel> _channels = [];

    private SecuredBackend(Factory factory, Uri grpcUri)
    {
        _factory = factory;
        GrpcUri = grpcUri;
    }

    public Uri GrpcUri { get; }

    public IServiceProvider Services => _factory.Services;

    public static SecuredBackend Start(Uri vaultUri, Action<Dictionary<string, string?>> configure, ILoggerProvider? logs = null, string? watchedJsonFile = null)
    {
        var settings = BackendFixture.BackendSettings(vaultUri, BackendFixture.FreePort(), BackendFixture.FreePort());
        configure(settings);
        var factory = new Factory(settings, logs, watchedJsonFile);
        factory.UseKestrel();
        factory.StartServer();
        return new SecuredBackend(factory, new Uri(settings["Kestrel:Endpoints:grpc:Url"]!));
    }

    /// <summary>
    /// A client over TLS presenting <paramref name="certificate"/> (none when null) and the <paramref name="intermediates"/>
    /// that issued it, or over h2c for an http:// backend.
    /// </summary>
    public SupacryptService.SupacryptServiceClient ClientFor(X509Certificate2? certificate, X509Certificate2Collection? intermediates = null)
    {
        var channel = GrpcUri.Scheme == Uri.UriSchemeHttp ? GrpcChannel.ForAddress(GrpcUri) : TlsChannel(certificate, intermediates);
        lock (_channels)
        {
            _channels.Add(channel);
        }

        return new SupacryptService.SupacryptServiceClient(channel);
    }

    // Offline: the test's own client must not fetch its certificate's AIA URL either, or it would muddle what the
    // server is shown to do.
    private GrpcChannel TlsChannel(X509Certificate2? certificate, X509Certificate2Collection? intermediates)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificateContext = certificate is null ? null : SslStreamCertificateContext.Create(certificate, intermediates, offline: true),
                RemoteCertificateValidationCallback = (_, server, _, _) => server is not null && TestCertificates.ChainsTo(TestCertificates.Shared.Authority, new X509Certificate2(server)),
            },
        };
        return GrpcChannel.ForAddress(GrpcUri, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        await _factory.DisposeAsync();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, ILoggerProvider? logs, string? watchedJsonFile)
        : WebApplicationFactory<SupacryptGrpcService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production").ConfigureAppConfiguration(configuration =>
            {
                configuration.AddInMemoryCollection(settings);
                if (watchedJsonFile is not null)
                {
                    configuration.AddJsonFile(watchedJsonFile, optional: false, reloadOnChange: true);
                }
            });
            if (logs is not null)
            {
                builder.ConfigureLogging(logging => logging.AddProvider(logs));
            }
        }
    }
}
