using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;

namespace Supacrypt.Perf.Load;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers each call, wait for the answer, and call again; optionally paced to a
/// total rate. A worker told RESOURCE_EXHAUSTED waits the <c>retry-after-ms</c> it was given, as a client should.
/// </summary>
public static class LoadGenerator
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    /// <param name="call">One call; returns null on success or the in-band error code.</param>
    /// <param name="ratePerSecond">Total calls per second over all workers, or null for as fast as answers come.</param>
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<Task<string?>> call, double? ratePerSecond = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var outcomes = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double[]>();
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var interval = ratePerSecond is { } rate ? concurrency / rate : 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = new List<double>();
            var next = started + (long)(interval * Stopwatch.Frequency * worker / concurrency);
            while (Stopwatch.GetTimestamp() < end)
            {
                if (interval > 0)
                {
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    next += (long)(interval * Stopwatch.Frequency);
                }

                var callStarted = Stopwatch.GetTimestamp();
                var (outcome, retryAfter) = await OneCallAsync(call);
                if (outcome == LoadResult.Ok)
                {
                    mine.Add(Stopwatch.GetElapsedTime(callStarted).TotalMilliseconds);
                }

                outcomes.AddOrUpdate(outcome, 1, (_, count) => count + 1);
                if (retryAfter > TimeSpan.Zero)
                {
                    var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end);
                    await Task.Delay(Min(Min(retryAfter, LongestWait), left > TimeSpan.Zero ? left : TimeSpan.Zero));
                }
            }

            latencies.Add([.. mine]);
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var sorted = latencies.SelectMany(list => list).Order().ToArray();
        return new LoadResult(elapsed, outcomes, sorted);
    }

    private static async Task<(string Outcome, TimeSpan RetryAfter)> OneCallAsync(Func<Task<string?>> call)
    {
        try
        {
            return (await call() ?? LoadResult.Ok, TimeSpan.Zero);
        }
        catch (RpcException exception)
        {
            var retryAfter = exception.StatusCode == StatusCode.ResourceExhausted &&
                long.TryParse(exception.Trailers.GetValue("retry-after-ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
                    ? TimeSpan.FromMilliseconds(milliseconds)
                    : TimeSpan.Zero;
            return (exception.StatusCode.ToString(), retryAfter);
        }
        catch (HttpRequestException exception)
        {
            return ($"HTTP {exception.StatusCode?.ToString() ?? exception.HttpRequestError.ToString()}", TimeSpan.Zero);
        }
    }

    private static TimeSpan Min(TimeSpan left, TimeSpan right) => left < right ? left : right;
}
