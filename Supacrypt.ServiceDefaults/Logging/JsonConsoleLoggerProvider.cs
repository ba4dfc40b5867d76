using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Supacrypt.ServiceDefaults.Logging;

/// <summary>
/// The console logger outside Development: each entry formatted once, straight to UTF-8 JSON (the framework JSON
/// console formatter's shape, scopes included) on the logging thread, and handed to a <see cref="ConsoleLogWriter"/>
/// that writes batches to standard output. Configured like the framework's console logger ("Console" in
/// <c>Logging:Console:LogLevel</c>), which it replaces.
/// </summary>
[ProviderAlias("Console")]
public sealed class JsonConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    /// <summary>The category of the line that reports lines lost on the way to standard output.</summary>
    public const string LossCategory = "Supacrypt.Logging.Console";

    private static readonly EventId LinesDropped = new(1, nameof(LinesDropped));

    private readonly ConcurrentDictionary<string, JsonConsoleLogger> _loggers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public JsonConsoleLoggerProvider(Stream output, long maxQueuedBytes, TimeProvider time, ConsoleLogMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Writer = new ConsoleLogWriter(output, maxQueuedBytes, FormatLossReport, metrics);
    }

    public ConsoleLogWriter Writer { get; }

    internal IExternalScopeProvider? Scopes { get; private set; }

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, static (name, provider) => new JsonConsoleLogger(name, provider), this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Scopes = scopeProvider;

    public void Dispose() => Writer.Dispose();

    internal void Write<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = LineBuffer.Rent();
        try
        {
            if (JsonLogEntryFormatter.Write(line.Json, _time.GetUtcNow(), category, level, eventId, state, exception, formatter, Scopes))
            {
                Writer.TryWrite(line.EndLine());
            }
        }
        finally
        {
            LineBuffer.Return(line);
        }
    }

    private byte[] FormatLossReport(long droppedLines)
    {
        var line = LineBuffer.Rent();
        try
        {
            JsonLogEntryFormatter.Write(
                line.Json, _time.GetUtcNow(), LossCategory, LogLevel.Warning, LinesDropped, new DroppedLinesState(droppedLines), null,
                static (state, _) => state.ToString(), Scopes);
            return line.EndLine().ToArray();
        }
        finally
        {
            LineBuffer.Return(line);
        }
    }
}
