using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Supacrypt.Backend.Grpc;
using Supacrypt.V1;

namespace Supacrypt.Tests.Infrastructure;

/// <summary>
/// The backend on real Kestrel (gRPC over mutual TLS and the HTTP/1.1 health endpoint, on loopback) in front of the
/// Key Vault emulator, both inside the test process. Shared per collection: see <see cref="BackendTests"/>.
/// </summary>
public sealed class BackendFixture : IAsyncLifetime, IDisposable
{
    private readonly Dictionary<TestKey, Task<GenerateKeySuccess>> _sharedKeys = [];
    private BackendFactory? _backend;
    private GrpcChannel? _channel;

    public EmulatorFixture Emulator { get; } = EmulatorFixture.WithSettings(new Dictionary<string, string?>
    {
        ["Emulator:RequireAuthentication"] = "false",
        ["Emulator:PurgeDuration"] = "00:00:01",
    });

    public Uri GrpcUri { get; private set; } = null!;

    public Uri HealthUri { get; private set; } = null!;

    public SupacryptService.SupacryptServiceClient Client { get; private set; } = null!;

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("The backend has not been started.");

    /// <summary>Settings every in-process backend gets: fast retries keep fault tests quick.</summary>
    public static Dictionary<string, string?> BackendSettings(Uri vaultUri, int grpcPort, int healthPort) => new()
    {
        ["ConnectionStrings:keyvault"] = vaultUri.ToString(),
        ["KeyVault:Credential"] = "None",
        ["KeyVault:MaxRetries"] = "1",
        ["KeyVault:RetryDelay"] = "00:00:00.050",
        ["Kestrel:Endpoints:grpc:Url"] = $"https://127.0.0.1:{grpcPort}",
        ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{healthPort}",
        ["Security:ServerCertificatePath"] = TestCertificates.Shared.ServerCertificatePath,
        ["Security:ServerCertificateKeyPath"] = TestCertificates.Shared.ServerKeyPath,
        ["Security:ClientCertificateAuthorityPath"] = TestCertificates.Shared.AuthorityPath,
        // Outside Development the revocation mode is a stated choice; tests about revocation set Crl.
        ["Security:RevocationMode"] = "NoCheck",
        ["Security:Authorization:Clients:0:Subject"] = TestCertificates.Shared.Client.Subject,
        ["Security:Authorization:Clients:0:Roles:0"] = "Administrator",
        // Benchmarks and concurrency tests call faster than the per-caller default; AbuseLimitTests sets its own.
        ["Security:RateLimit:PermitLimit"] = "0",
        // The providers' legacy mechanisms are exercised here; AbuseLimitTests checks the Production default (off).
        ["Security:AllowRsaPkcs1Decryption"] = "true",
    };

    /// <summary>One key of each shape for tests that only use it; generating RSA keys is the slowest thing here.</summary>
    public Task<GenerateKeySuccess> SharedKeyAsync(TestKey key)
    {
        lock (_sharedKeys)
        {
            if (!_sharedKeys.TryGetValue(key, out var created))
            {
                created = Client.CreateAsync(key, $"shared-{key.ToString().ToLowerInvariant()}");
                _sharedKeys[key] = created;
            }

            return created;
        }
    }

    public async Task InitializeAsync()
    {
        await Emulator.InitializeAsync();
        var (grpcPort, healthPort) = (FreePort(), FreePort());
        _backend = new BackendFactory(BackendSettings(Emulator.VaultUri, grpcPort, healthPort));
        _backend.UseKestrel();
        _backend.StartServer();
        GrpcUri = new Uri($"https://127.0.0.1:{grpcPort}");
        HealthUri = new Uri($"http://127.0.0.1:{healthPort}");
        _channel = TestCertificates.Shared.CreateChannel(GrpcUri, TestCertificates.Shared.Client);
        Client = new SupacryptService.SupacryptServiceClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }

        await Emulator.DisposeAsync();
    }

    public void Dispose()
    {
        _channel?.Dispose();
        _backend?.Dispose();
        Emulator.Dispose();
    }

    public static int FreePort() => LoopbackPorts.Next();

    /// <summary>
    /// Hosts Supacrypt.Backend's own Program with extra configuration layered on its appsettings, in the Production
    /// environment (the factory's default would be Development, which relaxes the backend's start-up checks).
    /// </summary>
    public sealed class BackendFactory(
        IReadOnlyDictionary<string, string?> settings, ILoggerProvider? logs = null, Action<IServiceCollection>? services = null)
        : WebApplicationFactory<SupacryptGrpcService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production")
                .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }

            if (logs is not null)
            {
                builder.ConfigureLogging(logging => logging.AddProvider(logs));
            }
        }
    }
}

/// <summary>
/// The test collection that shares one <see cref="BackendFixture"/>. xUnit finds collection definitions only in the
/// test assembly itself, so each test project that uses it declares one (see its TestGroups.cs).
/// </summary>
public static class BackendTests
{
    public const string Name = "Backend against the emulator";
}
