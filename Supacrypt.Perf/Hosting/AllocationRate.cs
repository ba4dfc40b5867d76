using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Supacrypt.Perf.Hosting;

/// <summary>
/// The bytes another .NET process allocates on its managed heap, read over EventPipe from the runtime's
/// <c>System.Runtime</c> counters (the <c>alloc-rate</c> counter that dotnet-counters shows, every second), so the
/// figures can state the allocation per call of the backend without changing it.
/// </summary>
public sealed class AllocationRate : IAsyncDisposable
{
    private const string CounterInterval = "1";

    private readonly EventPipeSession _session;
    private readonly Task _reading;
    private readonly Lock _gate = new();
    private readonly List<(DateTime End, double Seconds, double Bytes)> _intervals = [];

    private AllocationRate(EventPipeSession session)
    {
        _session = session;
        _reading = Task.Run(Read);
    }

    public static AllocationRate Watch(int processId)
    {
        var provider = new EventPipeProvider(
            "System.Runtime", EventLevel.Informational, (long)EventKeywords.None,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = CounterInterval });
        return new AllocationRate(new DiagnosticsClient(processId).StartEventPipeSession(provider, requestRundown: false));
    }

    /// <summary>
    /// Bytes per second allocated between two instants (UTC), from the counter intervals that lie wholly inside them;
    /// NaN when none does (the window was shorter than two intervals).
    /// </summary>
    public double BytesPerSecond(DateTime from, DateTime to)
    {
        lock (_gate)
        {
            var inside = _intervals.Where(interval => interval.End <= to && interval.End.AddSeconds(-interval.Seconds) >= from).ToArray();
            var seconds = inside.Sum(interval => interval.Seconds);
            return seconds > 0 ? inside.Sum(interval => interval.Bytes) / seconds : double.NaN;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (ServerNotAvailableException)
        {
            // The process has exited, which ends the session too.
        }

        await _reading;
        _session.Dispose();
    }

    private void Read()
    {
        using var source = new EventPipeEventSource(_session.EventStream);
        source.Dynamic.All += data =>
        {
            // The counter's fields come wrapped in a "Payload" struct, as dotnet-counters reads them.
            if (data.EventName != "EventCounters" ||
                data.PayloadValue(0) is not IDictionary<string, object> { } wrapper ||
                !wrapper.TryGetValue("Payload", out var fields) || fields is not IDictionary<string, object> payload ||
                !payload.TryGetValue("Name", out var name) || !Equals(name, "alloc-rate"))
            {
                return;
            }

            var seconds = Convert.ToDouble(payload["IntervalSec"], System.Globalization.CultureInfo.InvariantCulture);
            var bytes = Convert.ToDouble(payload["Increment"], System.Globalization.CultureInfo.InvariantCulture);
            lock (_gate)
            {
                _intervals.Add((data.TimeStamp.ToUniversalTime(), seconds, bytes));
            }
        };
        source.Process();
    }
}
