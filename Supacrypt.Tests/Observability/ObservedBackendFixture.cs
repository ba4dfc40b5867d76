using System.Diagnostics.Metrics;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Supacrypt.Backend.Grpc;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Observability;

/// <summary>
/// The backend on real Kestrel over mutual TLS in front of the emulator (fault injection on), in this process, with
/// OpenTelemetry's in-memory exporters added to the tracer and meter providers its service defaults build.
/// </summary>
public sealed class ObservedBackendFixture : IAsyncLifetime, IDisposable
{
    private ObservedBackendFactory? _backend;
    private GrpcChannel? _channel;
    private GrpcChannel? _anonymousChannel;

    public EmulatorFixture Emulator { get; } = EmulatorFixture.WithSettings(new Dictionary<string, string?> { ["Emulator:RequireAuthentication"] = "false" });

    public TelemetryCapture Telemetry { get; } = new();

    public SupacryptService.SupacryptServiceClient Client { get; private set; } = null!;

    /// <summary>A TLS channel that presents no client certificate.</summary>
    public GrpcChannel AnonymousChannel => _anonymousChannel ?? throw new InvalidOperationException("The backend has not been started.");

    /// <summary>
    /// This backend's meters only. The in-memory exporter listens by meter name, so it also hears other backends that
    /// tests run in this process at the same time; exact counts come from collectors scoped to this factory.
    /// </summary>
    public IMeterFactory MeterFactory => _backend!.Services.GetRequiredService<IMeterFactory>();

    /// <summary>Exports what the providers hold now: spans ended so far and a metric snapshot.</summary>
    public void Flush()
    {
        var services = _backend!.Services;
        services.GetRequiredService<TracerProvider>().ForceFlush();
        services.GetRequiredService<MeterProvider>().ForceFlush();
    }

    public async Task InitializeAsync()
    {
        await Emulator.InitializeAsync();
        var (grpcPort, healthPort) = (BackendFixture.FreePort(), BackendFixture.FreePort());
        _backend = new ObservedBackendFactory(BackendFixture.BackendSettings(Emulator.VaultUri, grpcPort, healthPort), Telemetry);
        _backend.UseKestrel();
        _backend.StartServer();
        var grpcUri = new Uri($"https://127.0.0.1:{grpcPort}");
        _channel = TestCertificates.Shared.CreateChannel(grpcUri, TestCertificates.Shared.Client);
        _anonymousChannel = TestCertificates.Shared.CreateChannel(grpcUri, null);
        Client = new SupacryptService.SupacryptServiceClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        _anonymousChannel?.Dispose();
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }

        await Emulator.DisposeAsync();
    }

    public void Dispose()
    {
        _channel?.Dispose();
        _anonymousChannel?.Dispose();
        _backend?.Dispose();
        Emulator.Dispose();
    }

    private sealed class ObservedBackendFactory(IReadOnlyDictionary<string, string?> settings, TelemetryCapture capture)
        : WebApplicationFactory<SupacryptGrpcService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production")
                .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings))
                .ConfigureServices(services => services
                    .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(capture.Spans))
                    .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(capture.Metrics)));
        }
    }
}

// Alone, after the parallel collections: OpenTelemetry's meter provider subscribes by meter name, so it also hears the
// meters of every other backend alive in this process, and of two instruments with the same name it exports only the
// one it met first. Run beside other backends, this one's points were sometimes not the ones exported.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservedBackendTests : ICollectionFixture<ObservedBackendFixture>
{
    public const string Name = "Backend with in-memory telemetry exporters";
}
