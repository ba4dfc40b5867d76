using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using Supacrypt.Client;
using Supacrypt.V1;

namespace Supacrypt.Tests.Aspire;

// Starts the AppHost once for the whole collection: the emulator and the backend as real processes, as
// `dotnet run --project Supacrypt.AppHost` does. Start-up and shutdown take about 20 s, too much to pay per test.
public sealed class SupacryptAppFixture : IAsyncLifetime
{
    public const string Backend = "backend";
    public const string KeyVault = "keyvault";
    public const string GrpcEndpoint = "grpc";
    public const string HealthEndpoint = "http";

    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan StateChangeTimeout = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private GrpcChannel? _channel;
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The application has not started.");

    public SupacryptService.SupacryptServiceClient Client =>
        SupacryptChannel.CreateClient(_channel ?? throw new InvalidOperationException("The application has not started."));

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);

        // Supacrypt:OtelCollector stays at its default (off): a container would need a container runtime.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Supacrypt_AppHost>(timeout.Token);
        WithoutTelemetryExport(builder);
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);

        await _app.ResourceNotifications.WaitForResourceHealthyAsync(KeyVault, timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(Backend, timeout.Token);

        // An http:// address makes the client speak HTTP/2 without TLS (h2c), which the grpc endpoint requires.
        _channel = SupacryptChannel.Create(new SupacryptConnectionOptions { Endpoint = _app.GetEndpoint(Backend, GrpcEndpoint) });
    }

    // The test host runs no dashboard, so nothing listens on the OTLP endpoint Aspire hands the services. Exporting
    // there would stall each service's shutdown while every signal retries until its timeout, long enough for the
    // resource stop command to give up (it allows about 15 s).
    private static void WithoutTelemetryExport(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }
    }

    // The health endpoint without retries or resilience handlers: the tests look at each answer as it is.
    public HttpClient CreateHealthClient(TimeSpan? timeout = null) =>
        new() { BaseAddress = App.GetEndpoint(Backend, HealthEndpoint), Timeout = timeout ?? CallTimeout };

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }
    }
}

// Runs alone, after the parallel collections: real processes on a 2-core machine must not compete with
// in-process RSA-4096 key generation for CPU, or timeouts on both sides become flaky.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedSupacryptApp : ICollectionFixture<SupacryptAppFixture>
{
    public const string Name = "Supacrypt application";
}
