namespace Supacrypt.Backend.Shutdown;

/// <summary>
/// Counts the calls in flight and, once shutdown begins, refuses new ones and tells when the last one has ended.
/// A call counts itself before it looks at the flag, so a call admitted just as draining begins is always waited for.
/// </summary>
public sealed class CallDrain
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Admits a call; false once draining, and then the caller must not call <see cref="Leave"/>.</summary>
    public bool TryEnter()
    {
        Interlocked.Increment(ref _inFlight);
        if (!_draining)
        {
            return true;
        }

        Leave();
        return false;
    }

    public void Leave()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _draining)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Stops admitting calls; the task ends when no call is in flight any more.</summary>
    public Task BeginAsync()
    {
        _draining = true;
        if (InFlight == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }
}
