using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Supacrypt.V1;

namespace Supacrypt.Tests.Infrastructure;

/// <summary>A second backend with its own settings, for tests about configuration; dispose it at the end of the test.</summary>
public sealed class StartedBackend : IAsyncDisposable
{
    private readonly BackendFixture.BackendFactory _factory;
    private readonly GrpcChannel _channel;

    private StartedBackend(BackendFixture.BackendFactory factory, GrpcChannel channel)
    {
        _factory = factory;
        _channel = channel;
        Client = new SupacryptService.SupacryptServiceClient(channel);
    }

    public SupacryptService.SupacryptServiceClient Client { get; }

    /// <summary>
    /// Starts a backend in front of <paramref name="vaultUri"/> with the usual test settings, changed by
    /// <paramref name="configure"/>; <paramref name="services"/> replaces registrations (a fake clock, a credential).
    /// </summary>
    public static StartedBackend Start(
        Uri vaultUri, Action<Dictionary<string, string?>> configure, ILoggerProvider? logs = null, Action<IServiceCollection>? services = null)
    {
        var settings = BackendFixture.BackendSettings(vaultUri, BackendFixture.FreePort(), BackendFixture.FreePort());
        configure(settings);
        var factory = new BackendFixture.BackendFactory(settings, logs, services);
        factory.UseKestrel();
        factory.StartServer();
        var channel = TestCertificates.Shared.CreateChannel(new Uri(settings["Kestrel:Endpoints:grpc:Url"]!), TestCertificates.Shared.Client);
        return new StartedBackend(factory, channel);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _factory.DisposeAsync();
    }
}
