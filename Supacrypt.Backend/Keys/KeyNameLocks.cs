namespace Supacrypt.Backend.Keys;

/// <summary>One asynchronous lock per key name (case-insensitive, as Key Vault names are), held only while in use.</summary>
public sealed class KeyNameLocks
{
    private readonly Dictionary<string, Holder> _holders = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        Holder holder;
        lock (_holders)
        {
            if (!_holders.TryGetValue(name, out holder!))
            {
                holder = new Holder();
                _holders[name] = holder;
            }

            holder.Users++;
        }

        try
        {
            await holder.Semaphore.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Leave(name, holder);
            throw;
        }

        return new Release(this, name, holder);
    }

    private void Leave(string name, Holder holder)
    {
        lock (_holders)
        {
            if (--holder.Users == 0)
            {
                _holders.Remove(name);
                holder.Semaphore.Dispose();
            }
        }
    }

    private sealed class Holder
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Release(KeyNameLocks owner, string name, Holder holder) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                holder.Semaphore.Release();
                owner.Leave(name, holder);
            }
        }
    }
}
