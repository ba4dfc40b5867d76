using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Supacrypt.Client;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Aspire;

// Starts the AppHost once for the whole collection: the emulator and the backend as real processes, as
// `dotnet run --project Supacrypt.AppHost` does. Start-up and shutdown take about 20 s, too much to pay per test.
public sealed class SupacryptAppFixture : IAsyncLifetime
{
    public const string Backend = "backend";
    public const string KeyVault = "keyvault";
    public const string SampleConsumer = "sample";
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

        // Supacrypt:OtelCollector stays at its default (off): a container would need a container runtime. The sample
        // consumer runs too, so that one started application also proves WithSupacryptClientCertificate.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Supacrypt_AppHost>(["--Supacrypt:SampleConsumer=true"], timeout.Token);
        WithoutTelemetryExport(builder);
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);

        await _app.ResourceNotifications.WaitForResourceHealthyAsync(KeyVault, timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(Backend, timeout.Token);

        // The AppHost serves mutual TLS with the development PKI it created; the tests call as its admin.
        GrpcUri = _app.GetEndpoint(Backend, GrpcEndpoint);
        _channel = CreateChannel(Pki.AdminCertificate, Pki.AdminKey);
    }

    public Uri GrpcUri { get; private set; } = null!;

    /// <summary>The development PKI the AppHost uses, under .supacrypt/dev-pki/ at the repository root.</summary>
    public static Supacrypt.DevPki.DevelopmentPkiFiles Pki { get; } = new(Path.Combine(
        RepositoryFiles.Root,
        Supacrypt.DevPki.DevelopmentPki.DefaultRelativeDirectory));

    /// <summary>A channel over TLS that trusts only the development CA and presents the given certificate (none when null).</summary>
    public GrpcChannel CreateChannel(string? certificatePath, string? keyPath) =>
        GrpcChannel.ForAddress(GrpcUri, new GrpcChannelOptions { HttpHandler = CreateTlsHandler(certificatePath, keyPath), DisposeHttpClient = true });

    /// <summary>An HTTP handler for the grpc endpoint: TLS trusting only the development CA, with an optional client certificate.</summary>
    public static SocketsHttpHandler CreateTlsHandler(string? certificatePath, string? keyPath)
    {
        using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(Pki.AuthorityCertificate));
        var trusted = X509CertificateLoader.LoadCertificate(authority.RawData);
        var client = certificatePath is null ? null : X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = client is null ? null : new X509CertificateCollection { client },
                RemoteCertificateValidationCallback = (_, server, _, _) => server is not null && TestCertificates.ChainsTo(trusted, new X509Certificate2(server)),
            },
        };
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
