using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.Keys;

/// <summary>An algorithm chosen for one key: a Key Vault algorithm name such as RS256 or RSA-OAEP-256.</summary>
public interface IKeyAlgorithm
{
    string Name { get; }
}

/// <summary>A key resolved for one operation, with the algorithm chosen for it.</summary>
public readonly record struct ResolvedKey<TAlgorithm>(CachedKey Cached, TAlgorithm Algorithm)
{
    public KeyDescription Key => Cached.Description;
}

/// <summary>
/// The steps every cryptographic operation starts with, done once: the key from the cache (as Key Vault's
/// CryptographyClient resolves it once), its algorithm from the request's parameters, both noted on the call's tags.
/// </summary>
public sealed class KeyResolution(PublicKeyCache cache, TimeProvider time)
{
    public async Task<ResolvedKey<TAlgorithm>> ResolveAsync<TParameters, TAlgorithm>(
        KeyReference reference,
        TParameters parameters,
        Func<KeyDescription, TParameters, TAlgorithm> choose,
        OperationTags tags,
        CancellationToken cancellationToken)
        where TAlgorithm : IKeyAlgorithm
    {
        var cached = await cache.GetAsync(reference.Name, reference.Version, cancellationToken);
        var algorithm = choose(tags.Describe(cached.Description), parameters);
        tags.DescribeAlgorithm(algorithm.Name);
        return new ResolvedKey<TAlgorithm>(cached, algorithm);
    }

    /// <summary>Refuses what the key's state (enabled, nbf/exp, key_ops) forbids, as Key Vault would.</summary>
    public void EnsureAllowed(KeyDescription key, string operation) => KeyUsage.EnsureAllowed(key, operation, time.GetUtcNow());
}
