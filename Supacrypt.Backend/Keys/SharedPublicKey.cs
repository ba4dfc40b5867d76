using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Supacrypt.Backend.Keys;

/// <summary>
/// One key version's public key as ready-to-use .NET objects, built from the JWK once and reused by every call.
/// .NET documents no thread safety for an <see cref="AsymmetricAlgorithm"/> instance, so each instance serves one
/// call at a time: a call borrows an idle instance (building one only when all are busy) and returns it after.
/// </summary>
public sealed class SharedPublicKey
{
    private readonly Func<AsymmetricAlgorithm> _build;
    private readonly ConcurrentBag<AsymmetricAlgorithm> _idle = [];
    private readonly int _maxIdle = Math.Max(2, Environment.ProcessorCount * 2);
    private int _built;

    public SharedPublicKey(KeyDescription key)
    {
        _build = key.Kind == KeyKind.Rsa
            ? () => PublicKeyEncoding.ToRsa(key.Bundle.Key)
            : () => PublicKeyEncoding.ToEcdsa(key.Bundle.Key, key.Curve);

        // Built now, so a JWK that does not import fails the fetch rather than a later call.
        _idle.Add(Build());
    }

    /// <summary>How many .NET key objects were built for this version: one, unless calls ran concurrently.</summary>
    public int BuiltCount => Volatile.Read(ref _built);

    public T UseRsa<T>(Func<RSA, T> operation) => Use(algorithm => operation((RSA)algorithm));

    public T UseEcdsa<T>(Func<ECDsa, T> operation) => Use(algorithm => operation((ECDsa)algorithm));

    private T Use<T>(Func<AsymmetricAlgorithm, T> operation)
    {
        var algorithm = _idle.TryTake(out var idle) ? idle : Build();
        try
        {
            return operation(algorithm);
        }
        finally
        {
            if (_idle.Count < _maxIdle)
            {
                _idle.Add(algorithm);
            }
            else
            {
                algorithm.Dispose();
            }
        }
    }

    private AsymmetricAlgorithm Build()
    {
        Interlocked.Increment(ref _built);
        return _build();
    }
}
