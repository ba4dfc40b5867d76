using System.Collections.Concurrent;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>
/// Reusable platform key objects of one key version. Importing a private key validates it and costs more than a
/// signature, so objects are built once and reused; a rented object has one user at a time because .NET does not
/// document RSA and ECDsa instances as safe for concurrent use.
/// </summary>
internal sealed class CryptoObjectPool<T>(Func<T> create) where T : class, IDisposable
{
    // Enough idle objects for every core to be busy at once; more would only hold memory.
    private static readonly int MaxIdle = Environment.ProcessorCount * 2;

    private readonly ConcurrentBag<T> _idle = [];

    public Lease Rent() => new(this, _idle.TryTake(out var item) ? item : create());

    private void Return(T item)
    {
        if (_idle.Count < MaxIdle)
        {
            _idle.Add(item);
        }
        else
        {
            item.Dispose();
        }
    }

    public readonly struct Lease(CryptoObjectPool<T> pool, T value) : IDisposable
    {
        public T Value => value;

        public void Dispose() => pool.Return(value);
    }
}
