using Microsoft.Extensions.Logging;

namespace Supacrypt.ServiceDefaults.Logging;

internal sealed class JsonConsoleLogger(string category, JsonConsoleLoggerProvider provider) : ILogger
{
    // The logger factory keeps scopes itself for providers that support external scopes; this serves direct callers.
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.Scopes?.Push(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            provider.Write(category, logLevel, eventId, state, exception, formatter);
        }
    }
}
