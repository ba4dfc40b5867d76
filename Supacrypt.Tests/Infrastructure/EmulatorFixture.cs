using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Supacrypt.KeyVaultEmulator;

namespace Supacrypt.Tests.Infrastructure;

/// <summary>
/// Runs Supacrypt.KeyVaultEmulator on real Kestrel at 127.0.0.1 on a free port, with authentication on and
/// fault injection enabled. Share one per test collection (<c>ICollectionFixture&lt;EmulatorFixture&gt;</c>).
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime, IDisposable
{
    /// <summary>The token <see cref="CreateClient"/> sends; the emulator accepts any bearer token.</summary>
    public const string BearerToken = "emulator-test-token";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Emulator:EnableFaultInjection"] = "true",
        ["Emulator:RequireAuthentication"] = "true",
        // Long enough that a test sees the purge still running, however loaded the machine.
        ["Emulator:PurgeDuration"] = "00:01:00",
    };

    private Factory? _factory;
    private Uri? _vaultUri;

    public EmulatorFixture()
    {
    }

    private EmulatorFixture(IReadOnlyDictionary<string, string?> settings)
    {
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>
    /// An emulator with extra configuration, e.g. <c>Emulator:DataDirectory</c> and <c>Emulator:StorageSecret</c>.
    /// Start it with <see cref="InitializeAsync"/> and stop it with <see cref="DisposeAsync"/>.
    /// </summary>
    public static EmulatorFixture WithSettings(IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new EmulatorFixture(settings);
    }

    /// <summary>The vault base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri VaultUri => _vaultUri ?? throw new InvalidOperationException("The emulator has not been started.");

    /// <summary>A client with <see cref="VaultUri"/> as base address and a bearer token. The caller disposes it.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = VaultUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
        return client;
    }

    /// <summary>
    /// Queues a fault: the next <paramref name="count"/> requests for <paramref name="operation"/> (sign, decrypt,
    /// create, get, …; null = any) are delayed and then answered with <paramref name="status"/> and a Key Vault
    /// error body (with <c>Retry-After</c> for 429 and 503). A null status only delays.
    /// </summary>
    public async Task InjectFaultAsync(
        int? status, int count = 1, string? operation = null, int? retryAfterSeconds = null, int delayMilliseconds = 0,
        CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("_emulator/faults",
            new { status, count, operation, retryAfterSeconds, delayMilliseconds }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync(CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        using var response = await client.DeleteAsync(new Uri("_emulator/faults", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public Task InitializeAsync()
    {
        _factory = new Factory(_settings);
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _vaultUri = new Uri(address.TrimEnd('/') + "/");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }
    }

    public void Dispose()
    {
        _factory?.Dispose();
        _factory = null;
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<EmulatorOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        }
    }
}
