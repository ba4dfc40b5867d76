using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.KeyVaultEmulator.Persistence;

/// <summary>Where the key store keeps its state between restarts (or not at all).</summary>
public interface IKeyPersistence
{
    Task<IReadOnlyList<KeyRecord>> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(IReadOnlyList<KeyRecord> keys, CancellationToken cancellationToken);
}

/// <summary>The default: keys live only as long as the process.</summary>
public sealed class InMemoryPersistence : IKeyPersistence
{
    public Task<IReadOnlyList<KeyRecord>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KeyRecord>>([]);

    public Task SaveAsync(IReadOnlyList<KeyRecord> keys, CancellationToken cancellationToken) => Task.CompletedTask;
}
