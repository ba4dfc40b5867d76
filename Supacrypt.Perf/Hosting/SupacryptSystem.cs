using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using Supacrypt.V1;

namespace Supacrypt.Perf.Hosting;

/// <summary>
/// The emulator and the backend as processes on free loopback ports, configured as they ship (console logging at
/// Information, ASP.NET Core at Warning) plus what a measurement changes; the backend speaks plaintext gRPC.
/// </summary>
public sealed class SupacryptSystem : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);

    private readonly Dictionary<string, string> _backendSettings;
    private readonly HttpClient _admin;
    private GrpcChannel? _channel;

    private SupacryptSystem(ServiceProcess emulator, Uri vaultUri, Dictionary<string, string> backendSettings)
    {
        Emulator = emulator;
        VaultUri = vaultUri;
        _backendSettings = backendSettings;
        _admin = new HttpClient { BaseAddress = vaultUri };
    }

    public ServiceProcess Emulator { get; }

    public ServiceProcess? Backend { get; private set; }

    public Uri VaultUri { get; }

    /// <summary>Process start to readiness of the most recent backend start.</summary>
    public TimeSpan BackendStartToReady { get; private set; }

    public SupacryptService.SupacryptServiceClient Client { get; private set; } = null!;

    /// <summary>A plain HTTP client for the emulator: Key Vault REST and its admin API.</summary>
    public HttpClient Vault => _admin;

    public static async Task<SupacryptSystem> StartAsync(IReadOnlyDictionary<string, string>? backendSettings = null)
    {
        var port = ServiceProcess.FreePort();
        var vaultUri = new Uri($"http://127.0.0.1:{port}/");
        var emulator = ServiceProcess.Start("Supacrypt.KeyVaultEmulator.dll", new Dictionary<string, string>(ShippedLogging)
        {
            ["ASPNETCORE_URLS"] = vaultUri.ToString(),
            ["Emulator__RequireAuthentication"] = "false",
            ["Emulator__EnableFaultInjection"] = "true",
        });
        await emulator.WaitUntilOkAsync(new Uri(vaultUri, "health"), StartDeadline);
        var system = new SupacryptSystem(emulator, vaultUri, new Dictionary<string, string>(backendSettings ?? new Dictionary<string, string>()));
        await system.RestartBackendAsync();
        return system;
    }

    /// <summary>Stops the backend (SIGTERM) if it runs and starts a new one; the emulator and its keys stay.</summary>
    public async Task RestartBackendAsync(IReadOnlyDictionary<string, string>? changes = null)
    {
        await StopBackendAsync();
        foreach (var (name, value) in changes ?? new Dictionary<string, string>())
        {
            _backendSettings[name] = value;
        }

        var (grpcPort, healthPort) = (ServiceProcess.FreePort(), ServiceProcess.FreePort());
        var environment = new Dictionary<string, string>(ShippedLogging)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__keyvault"] = VaultUri.ToString(),
            ["KeyVault__Credential"] = "None",
            ["Security__Mode"] = "Insecure",
            ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
            ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{healthPort}",
            ["Kestrel__Endpoints__http__Protocols"] = "Http1",
        };
        foreach (var (name, value) in _backendSettings)
        {
            environment[name] = value;
        }

        Backend = ServiceProcess.Start("Supacrypt.Backend.dll", environment);
        BackendStartToReady = await Backend.WaitUntilOkAsync(new Uri($"http://127.0.0.1:{healthPort}/health/ready"), StartDeadline);
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
        Client = new SupacryptService.SupacryptServiceClient(_channel);
    }

    /// <summary>Replaces the emulator's load model (throttling, latency, error and drop rates).</summary>
    public async Task SetLoadAsync(object settings)
    {
        using var response = await _admin.PutAsJsonAsync("_emulator/faults/load", settings);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Key Vault requests the emulator has received since it started.</summary>
    public async Task<long> VaultRequestsAsync()
    {
        var counts = await _admin.GetFromJsonAsync<JsonObject>("_emulator/faults");
        return counts!["requests"]!.GetValue<long>();
    }

    public async ValueTask DisposeAsync()
    {
        await StopBackendAsync();
        await Emulator.DisposeAsync();
        _admin.Dispose();
    }

    private async Task StopBackendAsync()
    {
        _channel?.Dispose();
        _channel = null;
        if (Backend is not null)
        {
            await Backend.DisposeAsync();
            Backend = null;
        }
    }

    // What appsettings.json ships with; the processes run where no appsettings.json is found.
    private static Dictionary<string, string> ShippedLogging => new()
    {
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
    };
}
