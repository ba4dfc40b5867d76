using Microsoft.Extensions.Options;
using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.KeyVaultEmulator.Persistence;

/// <summary>
/// Warns what the emulator is, then loads persisted keys. It runs in <see cref="StartingAsync"/>, before any
/// hosted service starts (Kestrel included), so no request can see or overwrite a half-loaded store.
/// </summary>
public sealed class KeyStoreStartup(KeyStore store, IOptions<EmulatorOptions> options, ILogger<KeyStoreStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning(
            "Supacrypt.KeyVaultEmulator is a development and test double of Azure Key Vault, not a key store. " +
            "Its keys are software keys without hardware protection: never put real keys in it.");
        var directory = options.Value.DataDirectory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            logger.LogInformation("Keys are kept in memory and are lost when the emulator stops.");
            return;
        }

        await store.LoadAsync(cancellationToken);
        logger.LogInformation("Keys persist in {DataDirectory}; loaded {Count} keys.", Path.GetFullPath(directory),
            store.ListActive().Count + store.ListDeleted().Count);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
