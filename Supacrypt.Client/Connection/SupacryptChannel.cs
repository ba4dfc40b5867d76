using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Supacrypt.V1;

namespace Supacrypt.Client;

/// <summary>Channels and clients for supacrypt.v1: mutual TLS for <c>https</c> endpoints, h2c for <c>http</c> ones.</summary>
public static class SupacryptChannel
{
    /// <summary>A channel that owns its HTTP handler; dispose it when done.</summary>
    public static GrpcChannel Create(SupacryptConnectionOptions options, GrpcChannelOptions? channelOptions = null) =>
        Create(options, CreateHandler(options), channelOptions);

    /// <summary>A channel over a handler from <see cref="CreateHandler"/> that the caller may have tuned.</summary>
    public static GrpcChannel Create(SupacryptConnectionOptions options, SocketsHttpHandler handler, GrpcChannelOptions? channelOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = channelOptions ?? new GrpcChannelOptions();
        settings.HttpHandler = handler;
        settings.DisposeHttpClient = true;
        return GrpcChannel.ForAddress(options.Endpoint, settings);
    }

    /// <summary>The HTTP/2 handler for <paramref name="options"/>: TLS with the client certificate, or plaintext.</summary>
    public static SocketsHttpHandler CreateHandler(SupacryptConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Endpoint.Scheme != Uri.UriSchemeHttps && options.Endpoint.Scheme != Uri.UriSchemeHttp)
        {
            throw new SupacryptConnectionException($"The endpoint {options.Endpoint} must start with https:// (mutual TLS) or http:// (h2c).");
        }

        if (options.IsPlaintext && (options.CertificatePath is not null || options.CertificateAuthorityPath is not null))
        {
            throw new SupacryptConnectionException($"The endpoint {options.Endpoint} is plaintext (http://), so certificates cannot be used; use https://.");
        }

        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        if (!options.IsPlaintext)
        {
            handler.SslOptions = ClientTls.Create(options);
        }

        return handler;
    }

    /// <summary>The generated client over <paramref name="channel"/>, sending a correlation id with every call.</summary>
    public static SupacryptService.SupacryptServiceClient CreateClient(GrpcChannel channel) =>
        new(channel.Intercept(new CorrelationIdInterceptor()));

    /// <summary>
    /// The generated client over a channel made for <paramref name="options"/>: a correlation id with every call, and a
    /// failed connection explained in words that name the setting in <paramref name="names"/> (default: the
    /// <c>Supacrypt:Client</c> configuration keys).
    /// </summary>
    public static SupacryptService.SupacryptServiceClient CreateClient(GrpcChannel channel, SupacryptConnectionOptions options, ConnectionSettingNames? names = null) =>
        new(channel.Intercept(new CorrelationIdInterceptor(), new ConnectionFailureInterceptor(options, names ?? ConnectionSettingNames.Configuration)));
}
