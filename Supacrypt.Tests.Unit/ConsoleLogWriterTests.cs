using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Supacrypt.ServiceDefaults.Logging;

namespace Supacrypt.Tests.Unit;

/// <summary>
/// The JSON console logger's writer against a standard output the test holds shut: logging never waits for it, what
/// does not fit is counted (metric and a Warning line), and disposal writes what is queued.
/// </summary>
public sealed class ConsoleLogWriterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stalled_stdout_does_not_block_logging_and_lost_lines_are_counted_and_reported_after_the_queued_lines()
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var counted = 0L;
        using var listener = CountDroppedLines(meters.GetRequiredService<IMeterFactory>(), lines => Interlocked.Add(ref counted, lines));
        using var stdout = new GatedStream(open: false);
        using var provider = new JsonConsoleLoggerProvider(stdout, 16 * 1024, new FakeTimeProvider(), new ConsoleLogMetrics(meters.GetRequiredService<IMeterFactory>()));
        var logger = provider.CreateLogger("Supacrypt.Audit");
        logger.LogInformation("first {Number}", 0);
        await stdout.WriteStarted.Task.WaitAsync(Deadline);

        // The writer thread now waits inside write(2); 2,000 lines (about 200 KB) against a 16 KB queue.
        const int Lines = 2_000;
        var logging = Task.Factory.StartNew(
            () =>
            {
                for (var number = 1; number <= Lines; number++)
                {
                    logger.LogInformation("line {Number}", number);
                }
            },
            TaskCreationOptions.LongRunning);
        await logging.WaitAsync(Deadline);

        var dropped = provider.Writer.DroppedLines;
        Assert.InRange(dropped, 1, Lines - 1);
        Assert.Equal(dropped, Interlocked.Read(ref counted));
        Assert.Equal(0, stdout.Writes);

        stdout.Open();
        var report = await WaitForLineAsync(stdout, line => line.Contains(JsonConsoleLoggerProvider.LossCategory, StringComparison.Ordinal));
        using var parsed = JsonDocument.Parse(report);
        Assert.Equal("Warning", parsed.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal(dropped, parsed.RootElement.GetProperty("State").GetProperty("DroppedLines").GetInt64());
        // The report follows every line that was queued when the stall ended, not just the one stuck in write(2).
        var writtenBeforeReport = stdout.Lines().TakeWhile(line => line != report).Count(line => line.Contains("\"Category\":\"Supacrypt.Audit\"", StringComparison.Ordinal));
        Assert.Equal(Lines + 1, writtenBeforeReport + dropped);
    }

    [Fact]
    public async Task Dispose_writes_every_queued_line_and_a_line_logged_afterwards_is_written_at_once()
    {
        using var stdout = new GatedStream(open: false);
        var provider = new JsonConsoleLoggerProvider(stdout, 64 * 1024 * 1024, new FakeTimeProvider());
        var logger = provider.CreateLogger("Shutdown");
        logger.LogInformation("line {Number}", 0);
        await stdout.WriteStarted.Task.WaitAsync(Deadline);
        for (var number = 1; number < 1_000; number++)
        {
            logger.LogInformation("line {Number}", number);
        }

        var disposing = Task.Run(provider.Dispose);
        stdout.Open();
        await disposing.WaitAsync(Deadline);
        logger.LogWarning("after {Number}", 1_000);

        var numbers = stdout.Lines().Select(line => JsonDocument.Parse(line).RootElement.GetProperty("State").GetProperty("Number").GetInt32());
        Assert.Equal(Enumerable.Range(0, 1_001), numbers);
        Assert.Equal(0, provider.Writer.DroppedLines);
    }

    [Fact]
    public async Task Lines_queued_while_stdout_was_busy_go_out_in_one_write()
    {
        using var stdout = new GatedStream(open: false);
        using var provider = new JsonConsoleLoggerProvider(stdout, 1024 * 1024, new FakeTimeProvider());
        var logger = provider.CreateLogger("Batch");
        logger.LogInformation("line {Number}", 0);
        await stdout.WriteStarted.Task.WaitAsync(Deadline);
        for (var number = 1; number <= 100; number++)
        {
            logger.LogInformation("line {Number}", number);
        }

        stdout.Open();
        await WaitForLineAsync(stdout, line => line.Contains("line 100", StringComparison.Ordinal));

        Assert.Equal(2, stdout.Writes);
    }

    private static MeterListener CountDroppedLines(IMeterFactory meters, Action<long> count)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ConsoleLogMetrics.MeterName && instrument.Meter.Scope == meters && instrument.Name == "supacrypt.log.console.dropped")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => count(value));
        listener.Start();
        return listener;
    }

    private static async Task<string> WaitForLineAsync(GatedStream stdout, Func<string, bool> match)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            if (stdout.Lines().FirstOrDefault(match) is { } line)
            {
                return line;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
