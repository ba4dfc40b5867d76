using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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

    private readonly TimeProvider? _time;
    private readonly int _port;
    private Factory? _factory;
    private Uri? _vaultUri;

    public EmulatorFixture()
    {
    }

    private EmulatorFixture(IReadOnlyDictionary<string, string?> settings, TimeProvider? time, int port)
    {
        _time = time;
        _port = port;
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>
    /// An emulator with extra configuration, e.g. <c>Emulator:DataDirectory</c> and <c>Emulator:StorageSecret</c>.
    /// Start it with <see cref="InitializeAsync"/> and stop it with <see cref="DisposeAsync"/>.
    /// </summary>
    /// <param name="time">The emulator's clock, e.g. a <c>FakeTimeProvider</c> for quota windows; the system clock when null.</param>
    /// <param name="port">A fixed loopback port, so that a second emulator can take over the first one's address; any free port when 0.</param>
    public static EmulatorFixture WithSettings(IReadOnlyDictionary<string, string?> settings, TimeProvider? time = null, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new EmulatorFixture(settings, time, port);
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
    public Task InjectFaultAsync(
        int? status, int count = 1, string? operation = null, int? retryAfterSeconds = null, int delayMilliseconds = 0,
        CancellationToken cancellationToken = default) =>
        PostFaultAsync(new { status, count, operation, retryAfterSeconds, delayMilliseconds }, cancellationToken);

    private async Task PostFaultAsync(object fault, CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("_emulator/faults", fault, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Holds the next <paramref name="count"/> requests for <paramref name="operation"/> until <see cref="ClearFaultsAsync"/>.</summary>
    public Task HoldAsync(string operation, int count, CancellationToken cancellationToken = default) =>
        PostFaultAsync(new { operation, count, hold = true }, cancellationToken);

    /// <summary>Closes the connection of the next <paramref name="count"/> requests for <paramref name="operation"/> without an answer.</summary>
    public Task DropAsync(string operation, int count, CancellationToken cancellationToken = default) =>
        PostFaultAsync(new { operation, count, drop = true }, cancellationToken);

    /// <summary>How many requests the emulator is holding right now.</summary>
    public async Task<int> HeldAsync(CancellationToken cancellationToken = default) => (await FaultCountsAsync(cancellationToken)).Held;

    /// <summary>Fault uses still queued and requests held right now.</summary>
    public async Task<(int Pending, int Held)> FaultCountsAsync(CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        var counts = await client.GetFromJsonAsync<JsonObject>("_emulator/faults", cancellationToken);
        return (counts!["pending"]!.GetValue<int>(), counts["held"]!.GetValue<int>());
    }

    /// <summary>Replaces the load model (throttling, latency, error and drop rates) until <see cref="ClearFaultsAsync"/>.</summary>
    public async Task SetLoadAsync(object settings, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        using var response = await client.PutAsJsonAsync("_emulator/faults/load", settings, cancellationToken);
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
        _factory = new Factory(_settings, _time);
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
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

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, TimeProvider? time) : WebApplicationFactory<EmulatorOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
            if (time is not null)
            {
                builder.ConfigureServices(services => services.AddSingleton(time));
            }
        }
    }
}
