using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using Supacrypt.DevPki;
using Supacrypt.V1;

namespace Supacrypt.Perf.Hosting;

/// <summary>
/// The emulator and the backend as processes on free loopback ports, configured as they ship (Production, console
/// logging at Information, ASP.NET Core at Warning, mutual TLS with a client certificate the authorization policy
/// names) plus what a measurement changes. The per-caller rate limit is raised out of the way: one load generator is
/// one caller, and the figures measure the service, not that policy.
/// </summary>
public sealed class SupacryptSystem : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);

    private readonly Dictionary<string, string> _backendSettings;
    private readonly string _backendAssembly;
    private readonly HttpClient _admin;
    private readonly DirectoryInfo _pkiDirectory;
    private readonly DevelopmentPkiFiles _pki;
    private GrpcChannel? _channel;

    private SupacryptSystem(ServiceProcess emulator, Uri vaultUri, Dictionary<string, string> backendSettings, DirectoryInfo pkiDirectory, string backendAssembly)
    {
        _backendAssembly = backendAssembly;
        Emulator = emulator;
        VaultUri = vaultUri;
        _backendSettings = backendSettings;
        _admin = new HttpClient { BaseAddress = vaultUri };
        _pkiDirectory = pkiDirectory;
        _pki = DevelopmentPki.EnsureCreated(pkiDirectory.FullName);
    }

    public ServiceProcess Emulator { get; }

    public ServiceProcess? Backend { get; private set; }

    public Uri VaultUri { get; }

    /// <summary>Process start to readiness of the most recent backend start.</summary>
    public TimeSpan BackendStartToReady { get; private set; }

    public SupacryptService.SupacryptServiceClient Client { get; private set; } = null!;

    /// <summary>A plain HTTP client for the emulator: Key Vault REST and its admin API.</summary>
    public HttpClient Vault => _admin;

    /// <param name="backendAssembly">The backend to run: this tool's own copy, or another build's (an A/B comparison).</param>
    public static async Task<SupacryptSystem> StartAsync(IReadOnlyDictionary<string, string>? backendSettings = null, string backendAssembly = Side.ShippedBackend)
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
        var system = new SupacryptSystem(
            emulator, vaultUri, new Dictionary<string, string>(backendSettings ?? new Dictionary<string, string>()), Directory.CreateTempSubdirectory("supacrypt-perf-pki-"), backendAssembly);
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
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__keyvault"] = VaultUri.ToString(),
            ["KeyVault__Credential"] = "None",
            ["Security__Mode"] = "MutualTls",
            ["Security__ServerCertificatePath"] = _pki.ServerCertificate,
            ["Security__ServerCertificateKeyPath"] = _pki.ServerKey,
            ["Security__ClientCertificateAuthorityPath"] = _pki.AuthorityCertificate,
            ["Security__RevocationMode"] = "Crl",
            ["Security__CertificateRevocationListPaths__0"] = _pki.RevocationList,
            ["Security__Authorization__Clients__0__Subject"] = DevelopmentPki.AdminSubject,
            ["Security__Authorization__Clients__0__Roles__0"] = "Administrator",
            ["Security__RateLimit__PermitLimit"] = "1000000",
            ["Kestrel__Endpoints__grpc__Url"] = $"https://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
            ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{healthPort}",
            ["Kestrel__Endpoints__http__Protocols"] = "Http1",
        };
        foreach (var (name, value) in _backendSettings)
        {
            environment[name] = value;
        }

        Backend = ServiceProcess.Start(_backendAssembly, environment);
        BackendStartToReady = await Backend.WaitUntilOkAsync(new Uri($"http://127.0.0.1:{healthPort}/health/ready"), StartDeadline);
        _channel = GrpcChannel.ForAddress($"https://127.0.0.1:{grpcPort}", new GrpcChannelOptions { HttpHandler = MutualTlsHandler() });
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
        _pkiDirectory.Delete(recursive: true);
    }

    // The development PKI's administrator, trusting only the PKI's own authority for the server.
    private SocketsHttpHandler MutualTlsHandler()
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(_pki.AuthorityCertificate);
        using var pem = X509Certificate2.CreateFromPemFile(_pki.AdminCertificate, _pki.AdminKey);
        var client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        return new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [client],
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { authority },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
        };
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
        ["Logging__LogLevel__Supacrypt.Audit"] = "Information",
    };
}
