using System.Net;
using Grpc.Net.Client;
using Supacrypt.V1;

namespace Supacrypt.Tests.Infrastructure;

/// <summary>
/// The built Supacrypt.Backend.dll as a real process (<c>dotnet Supacrypt.Backend.dll</c>) on free loopback ports,
/// in Development with plaintext gRPC, for what only a process shows: signals, exit codes, start-up time.
/// </summary>
public sealed class BackendProcess : IAsyncDisposable
{
    private readonly ExternalProcess _process;
    private readonly GrpcChannel _channel;
    private readonly HttpClient _health;
    private readonly string _workingDirectory;

    private BackendProcess(ExternalProcess process, Uri grpcUri, Uri healthUri, string workingDirectory)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        _channel = GrpcChannel.ForAddress(grpcUri);
        Client = new SupacryptService.SupacryptServiceClient(_channel);
        _health = new HttpClient { BaseAddress = healthUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public SupacryptService.SupacryptServiceClient Client { get; }

    public bool HasExited => _process.HasExited;

    public string Output => _process.Output;

    public static BackendProcess Start(Uri vaultUri, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(vaultUri);
        ArgumentNullException.ThrowIfNull(settings);
        var (grpcPort, healthPort) = (BackendFixture.FreePort(), BackendFixture.FreePort());
        // An empty working directory: the content root then holds no appsettings.json, and every setting comes from here.
        var workingDirectory = Directory.CreateTempSubdirectory("supacrypt-backend-").FullName;
        var start = ExternalProcess.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Supacrypt.Backend.dll")], workingDirectory);
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__keyvault"] = vaultUri.ToString(),
            ["KeyVault__Credential"] = "None",
            ["Security__Mode"] = "Insecure",
            ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
            ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{healthPort}",
            ["Kestrel__Endpoints__http__Protocols"] = "Http1",
        };
        foreach (var (name, value) in settings)
        {
            environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new BackendProcess(ExternalProcess.Start(start), new Uri($"http://127.0.0.1:{grpcPort}"), new Uri($"http://127.0.0.1:{healthPort}"), workingDirectory);
    }

    /// <summary>The readiness probe's status, or null when nothing answers.</summary>
    public async Task<HttpStatusCode?> ReadinessAsync()
    {
        try
        {
            using var response = await _health.GetAsync(new Uri("/health/ready", UriKind.Relative));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Sends SIGTERM, as an orchestrator does to stop a container.</summary>
    public Task TerminateAsync() => _process.TerminateAsync();

    public Task<int> WaitForExitAsync(TimeSpan deadline) => _process.WaitForExitAsync(deadline);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _channel.Dispose();
        _health.Dispose();
        Directory.Delete(_workingDirectory, recursive: true);
    }
}
