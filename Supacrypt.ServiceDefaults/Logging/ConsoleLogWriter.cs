using System.Collections.Concurrent;

namespace Supacrypt.ServiceDefaults.Logging;

/// <summary>
/// Takes finished log lines from any thread and writes them to one stream (standard output) from one background
/// thread, as many lines per write as have arrived. Adding a line never blocks and takes no lock: a slow or stalled
/// stdout must not hold up a call. The queue is bounded by bytes; a line that does not fit is counted, never dropped
/// silently: the count goes to a metric at once and into a Warning line as soon as the writer has caught up.
/// </summary>
public sealed class ConsoleLogWriter : IDisposable
{
    // How long disposal waits for the last lines to reach the stream before the process goes on exiting.
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    // Lines are gathered into writes of about this size; one write per batch, not per line.
    private const int BatchBytes = 64 * 1024;

    private const int DrainPasses = 4;

    // At a moderate rate each line would otherwise cost a wake-up of this thread and a write(2) of its own; after a
    // write the thread waits this long, so that the lines of the next few milliseconds share one.
    private static readonly TimeSpan GatherTime = TimeSpan.FromMilliseconds(2);

    private readonly Stream _output;
    private readonly long _maxQueuedBytes;
    private readonly Func<long, byte[]> _lossReport;
    private readonly ConsoleLogMetrics? _metrics;
    private readonly ConcurrentQueue<byte[]> _lines = new();
    private readonly SemaphoreSlim _work = new(0);
    private readonly Lock _outputGate = new();
    private readonly Thread _thread;
    private readonly byte[] _batch = new byte[BatchBytes];
    private long _queuedBytes;
    private long _dropped;
    private long _reported;
    private int _idle;
    private int _completing;
    private int _stopped;

    /// <param name="lossReport">Formats the line that reports how many lines were lost since the last report.</param>
    public ConsoleLogWriter(Stream output, long maxQueuedBytes, Func<long, byte[]> lossReport, ConsoleLogMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(lossReport);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxQueuedBytes);
        _output = output;
        _maxQueuedBytes = maxQueuedBytes;
        _lossReport = lossReport;
        _metrics = metrics;
        _thread = new Thread(Run) { IsBackground = true, Name = "Console log writer" };
        _thread.Start();
    }

    /// <summary>Lines that did not fit into the queue (or could not be written) since start.</summary>
    public long DroppedLines => Interlocked.Read(ref _dropped);

    /// <summary>Queues a copy of one complete line (line end included); false when the queue is full and the line was counted as lost.</summary>
    public bool TryWrite(ReadOnlySpan<byte> line)
    {
        if (Interlocked.Add(ref _queuedBytes, line.Length) > _maxQueuedBytes)
        {
            Interlocked.Add(ref _queuedBytes, -line.Length);
            CountLost(1);
            return false;
        }

        // An exact-size copy from the GC heap: a bump allocation, where a shared pool would take a lock.
        var copy = GC.AllocateUninitializedArray<byte>(line.Length);
        line.CopyTo(copy);
        _lines.Enqueue(copy);

        if (Volatile.Read(ref _stopped) == 1)
        {
            // The writer thread has finished (shutdown): whoever logs now writes for it.
            Drain();
        }
        else if (Volatile.Read(ref _idle) == 1 && Interlocked.Exchange(ref _idle, 0) == 1)
        {
            _work.Release();
        }

        return true;
    }

    /// <summary>Writes what is queued, then stops the writer thread; later lines are written by the thread that logs them.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _completing, 1) == 1)
        {
            return;
        }

        _work.Release();
        _thread.Join(FlushTimeout);
    }

    private void Run()
    {
        while (true)
        {
            Drain();
            if (Volatile.Read(ref _completing) == 1)
            {
                Interlocked.Exchange(ref _stopped, 1);
                Drain();
                return;
            }

            Thread.Sleep(GatherTime);
            if (!_lines.IsEmpty || Volatile.Read(ref _completing) == 1)
            {
                continue;
            }

            // Announce the wait, then look once more: a line queued in between either is seen here or releases us.
            Interlocked.Exchange(ref _idle, 1);
            if (!_lines.IsEmpty && Interlocked.Exchange(ref _idle, 0) == 1)
            {
                continue;
            }

            _work.Wait();
        }
    }

    private void Drain()
    {
        lock (_outputGate)
        {
            // A write can take long (a stalled stdout), and lines queue meanwhile. They go out before the loss report,
            // so that the report follows the lines it was lost among; a bounded number of passes, so that a steady
            // stream of lines cannot hold the report back.
            for (var pass = 0; pass < DrainPasses && !_lines.IsEmpty; pass++)
            {
                WriteQueued();
            }

            ReportLoss();
        }
    }

    private void WriteQueued()
    {
        var length = 0;
        var lines = 0;
        while (_lines.TryDequeue(out var line))
        {
            Interlocked.Add(ref _queuedBytes, -line.Length);
            if (length + line.Length > _batch.Length && length > 0)
            {
                Flush(length, lines);
                length = 0;
                lines = 0;
            }

            if (line.Length > _batch.Length)
            {
                Flush(line, lines: 1);
                continue;
            }

            line.CopyTo(_batch, length);
            length += line.Length;
            lines++;
        }

        Flush(length, lines);
    }

    // Caught up: say how many lines were lost since the last report. The report itself bypasses the bound, so a
    // full queue cannot swallow it.
    private void ReportLoss()
    {
        var lost = Interlocked.Read(ref _dropped) - _reported;
        if (lost > 0)
        {
            _reported += lost;
            Flush(_lossReport(lost), lines: 1);
        }
    }

    private void Flush(int length, int lines)
    {
        if (length > 0)
        {
            Flush(_batch.AsSpan(0, length), lines);
        }
    }

    private void Flush(ReadOnlySpan<byte> bytes, int lines)
    {
        try
        {
            _output.Write(bytes);
            _output.Flush();
        }
        catch (IOException)
        {
            // Standard output is gone (a closed pipe): nothing can be written, but the loss still shows in the metric.
            CountLost(lines);
            _reported += lines;
        }
    }

    private void CountLost(int lines)
    {
        Interlocked.Add(ref _dropped, lines);
        _metrics?.LinesDropped(lines);
    }
}
