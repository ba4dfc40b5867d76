namespace Supacrypt.Tests.Reliability;

/// <summary>Runs calls from several workers until told to stop, tallying each outcome.</summary>
public sealed class LoadRunner : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;

    private LoadRunner(int workers, Func<Task<string?>> call)
    {
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                await Outcomes.RecordAsync(call);
            }
        }))];
    }

    public CallOutcomes Outcomes { get; } = new();

    public static LoadRunner Start(int workers, Func<Task<string?>> call) => new(workers, call);

    /// <summary>Runs <paramref name="calls"/> calls, at most <paramref name="concurrency"/> at once, and returns their outcomes.</summary>
    public static async Task<CallOutcomes> RunAsync(int calls, int concurrency, Func<Task<string?>> call)
    {
        var outcomes = new CallOutcomes();
        var remaining = calls;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await outcomes.RecordAsync(call);
            }
        })));
        return outcomes;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after a generous deadline.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, deadline);

    /// <inheritdoc cref="WaitUntilAsync(Func{bool}, string, TimeSpan?)"/>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(90));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
