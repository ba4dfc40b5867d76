using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Time.Testing;
using Supacrypt.ServiceDefaults.Logging;

namespace Supacrypt.Tests.Unit;

/// <summary>
/// The JSON console line, byte for byte the framework's JSON console formatter (as the services configured it before)
/// for the same call: what log collectors and the deployment tests parse must not change.
/// </summary>
public sealed partial class JsonConsoleLineFormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 5, 6, 7, 89, TimeSpan.Zero);

    private static readonly Func<ILogger, string, string, string, IDisposable?> CallScope =
        LoggerMessage.DefineScope<string, string, string>("{Rpc} by {Client}, correlation id {CorrelationId}");

    [Fact]
    public void An_entry_with_state_scopes_and_an_exception_is_the_framework_json_console_line()
    {
        var (lines, reference) = LogThroughBoth(logger =>
        {
            using var activity = new Activity("call").SetIdFormat(ActivityIdFormat.W3C).Start();
            using var call = CallScope(logger, "SignData", "CN=caller \"quoted\" <ü>", "order-4711");
            using var text = logger.BeginScope("a plain scope");
            Audit(logger, "SignData", "key\nname", 12.345, 7, true, 'x', 42UL, Failure());
        });

        var line = Assert.Single(lines);
        Assert.Equal(WithoutTimestamp(Assert.Single(reference)), WithoutTimestamp(line));
        Assert.StartsWith("{\"Timestamp\":\"2026-12-04T05:06:07.089Z\",\"EventId\":1,\"LogLevel\":\"Error\",\"Category\":\"Supacrypt.Audit\",", line, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(line);
        var root = parsed.RootElement;
        Assert.Contains("Signing failed", root.GetProperty("Exception").GetString(), StringComparison.Ordinal);
        Assert.Equal(12.345, root.GetProperty("State").GetProperty("ElapsedMs").GetDouble());
        Assert.Equal("Audit: {Rpc} of {KeyName} in {ElapsedMs} ms, attempt {Attempt}, cached {Cached}, mark {Mark}, size {Size}", root.GetProperty("State").GetProperty("{OriginalFormat}").GetString());
        var scopes = root.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Equal(3, scopes.Count);
        Assert.Equal(32, scopes[0].GetProperty("TraceId").GetString()!.Length);
        Assert.Equal("order-4711", scopes[1].GetProperty("CorrelationId").GetString());
        Assert.Equal("a plain scope", scopes[2].GetString());
    }

    [Fact]
    public void An_entry_without_scopes_or_exception_is_the_framework_json_console_line()
    {
        var (lines, reference) = LogThroughBoth(logger => logger.LogWarning(new EventId(9, "Name"), "Plain {Count} and {Missing}", 3, null));

        Assert.Equal(WithoutTimestamp(Assert.Single(reference)), WithoutTimestamp(Assert.Single(lines)));
        Assert.Contains("\"Scopes\":[]", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"Missing\":null", lines[0], StringComparison.Ordinal);
    }

    // More than six values, like the audit record: the generator then writes its own state type.
    [LoggerMessage(1, LogLevel.Error, "Audit: {Rpc} of {KeyName} in {ElapsedMs} ms, attempt {Attempt}, cached {Cached}, mark {Mark}, size {Size}")]
    private static partial void Audit(ILogger logger, string rpc, string keyName, double elapsedMs, int attempt, bool cached, char mark, ulong size, Exception exception);

    private static InvalidOperationException Failure()
    {
        try
        {
            throw new InvalidOperationException("Signing failed");
        }
        catch (InvalidOperationException exception)
        {
            return exception;
        }
    }

    // One logger factory, one call, two providers: this one and the framework formatter fed the same entry and scopes.
    private static (IReadOnlyList<string> Lines, IReadOnlyList<string> Reference) LogThroughBoth(Action<ILogger> log)
    {
        using var output = new GatedStream(open: true);
        var reference = new ReferenceProvider();
        var provider = new JsonConsoleLoggerProvider(output, 1024 * 1024, new FakeTimeProvider(Now));
        using (var factory = LoggerFactory.Create(logging => logging
            .Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId)
            .AddProvider(provider)
            .AddProvider(reference)))
        {
            log(factory.CreateLogger("Supacrypt.Audit"));
        }

        provider.Dispose();
        reference.Dispose();
        return (output.Lines(), reference.Lines);
    }

    private static string WithoutTimestamp(string line) => TimestampProperty().Replace(line, "{", 1);

    [GeneratedRegex("^\\{\"Timestamp\":\"[^\"]*\",")]
    private static partial Regex TimestampProperty();

    private sealed class ReferenceProvider : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConsoleFormatter _formatter;
        private readonly ServiceProvider _services;
        private IExternalScopeProvider? _scopes;

        public ReferenceProvider()
        {
            // The framework's JSON console formatter, configured as ConsoleLogFormat configured it before.
            _services = new ServiceCollection().AddLogging(logging => logging.AddJsonConsole(console =>
            {
                console.IncludeScopes = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                console.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            })).BuildServiceProvider();
            _formatter = _services.GetServices<ConsoleFormatter>().Single(formatter => formatter.Name == ConsoleFormatterNames.Json);
        }

        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose() => _services.Dispose();

        private sealed class Logger(ReferenceProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                using var text = new StringWriter(new StringBuilder()) { NewLine = "\n" };
                provider._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), provider._scopes, text);
                provider.Lines.Add(text.ToString().TrimEnd('\n'));
            }
        }
    }
}
