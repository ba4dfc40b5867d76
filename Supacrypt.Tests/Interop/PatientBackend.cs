using Grpc.Net.Client;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Interop;

/// <summary>
/// A second backend on the collection's emulator with production-like patience: the shared fixture's 3 s network
/// timeout (chosen for the fault tests) is shorter than the emulator needs to generate an RSA-4096 key with exponent
/// 3 from its own primes. No retries, so a slow create is never sent twice. Started on first use.
/// </summary>
public sealed class PatientBackend : IAsyncLifetime, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private BackendFixture.BackendFactory? _factory;
    private GrpcChannel? _channel;
    private SupacryptService.SupacryptServiceClient? _client;

    public async Task<SupacryptService.SupacryptServiceClient> ClientAsync(BackendFixture shared)
    {
        await _gate.WaitAsync();
        try
        {
            if (_client is null)
            {
                var grpcPort = BackendFixture.FreePort();
                var settings = BackendFixture.BackendSettings(shared.Emulator.VaultUri, grpcPort, BackendFixture.FreePort());
                settings["KeyVault:NetworkTimeout"] = "00:01:00";
                settings["KeyVault:MaxRetries"] = "0";
                _factory = new BackendFixture.BackendFactory(settings);
                _factory.UseKestrel();
                _factory.StartServer();
                _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
                _client = new SupacryptService.SupacryptServiceClient(_channel);
            }

            return _client;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }
    }

    public void Dispose()
    {
        _channel?.Dispose();
        _factory?.Dispose();
        _gate.Dispose();
    }
}
