using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Supacrypt.ServiceDefaults.Logging;

/// <summary>
/// Writes one log entry as a single-line JSON object in exactly the shape of the framework's JSON console formatter
/// (<c>AddJsonConsole</c> with scopes, UTC timestamps and "yyyy-MM-ddTHH:mm:ss.fffZ"), which log collectors and
/// tests parse: Timestamp, EventId, LogLevel, Category, Message, Exception, State (the structured properties,
/// {OriginalFormat} among them, and the state's own text where it differs from Message), Scopes. It writes UTF-8 straight into the caller's buffer.
/// </summary>
public static class JsonLogEntryFormatter
{
    private const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>Writes the entry (without the line end); false, and nothing written, when there is neither message nor exception.</summary>
    public static bool Write<TState>(
        Utf8JsonWriter writer,
        DateTimeOffset timestamp,
        string category,
        LogLevel level,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter,
        IExternalScopeProvider? scopes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(formatter);

        var message = formatter(state, exception);
        if (exception is null && message is null)
        {
            return false;
        }

        writer.WriteStartObject();
        Span<byte> stamp = stackalloc byte[32];
        timestamp.UtcDateTime.TryFormat(stamp, out var stampLength, TimestampFormat, CultureInfo.InvariantCulture);
        writer.WriteString("Timestamp"u8, stamp[..stampLength]);
        writer.WriteNumber("EventId"u8, eventId.Id);
        writer.WriteString("LogLevel"u8, LevelName(level));
        writer.WriteString("Category"u8, category);
        writer.WriteString("Message"u8, message);
        if (exception is not null)
        {
            writer.WriteString("Exception"u8, exception.ToString());
        }

        if (state is not null)
        {
            writer.WriteStartObject("State"u8);
            // Since .NET 10 the state's own text is written only where it says something the message does not.
            var stateMessage = state.ToString();
            if (!string.Equals(stateMessage, message, StringComparison.Ordinal))
            {
                writer.WriteString("Message"u8, stateMessage);
            }

            if (state is IReadOnlyCollection<KeyValuePair<string, object?>> properties)
            {
                foreach (var property in properties)
                {
                    WriteProperty(writer, property);
                }
            }

            writer.WriteEndObject();
        }

        if (scopes is not null)
        {
            writer.WriteStartArray("Scopes"u8);
            scopes.ForEachScope(WriteScope, writer);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.Flush();
        return true;
    }

    private static void WriteScope(object? scope, Utf8JsonWriter writer)
    {
        if (scope is IReadOnlyCollection<KeyValuePair<string, object?>> properties)
        {
            writer.WriteStartObject();
            writer.WriteString("Message"u8, scope.ToString());
            foreach (var property in properties)
            {
                WriteProperty(writer, property);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue(Convert.ToString(scope, CultureInfo.InvariantCulture));
        }
    }

    // Numbers and booleans stay JSON numbers and booleans, everything else is its invariant string, as before.
    private static void WriteProperty(Utf8JsonWriter writer, KeyValuePair<string, object?> property)
    {
        var name = property.Key;
        switch (property.Value)
        {
            case bool value: writer.WriteBoolean(name, value); break;
            case byte value: writer.WriteNumber(name, value); break;
            case sbyte value: writer.WriteNumber(name, value); break;
            case char value: writer.WriteString(name, MemoryMarshal.CreateReadOnlySpan(ref value, 1)); break;
            case decimal value: writer.WriteNumber(name, value); break;
            case double value: writer.WriteNumber(name, value); break;
            case float value: writer.WriteNumber(name, value); break;
            case int value: writer.WriteNumber(name, value); break;
            case uint value: writer.WriteNumber(name, value); break;
            case long value: writer.WriteNumber(name, value); break;
            case ulong value: writer.WriteNumber(name, value); break;
            case short value: writer.WriteNumber(name, value); break;
            case ushort value: writer.WriteNumber(name, value); break;
            case null: writer.WriteNull(name); break;
            default: writer.WriteString(name, Convert.ToString(property.Value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static ReadOnlySpan<byte> LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "Trace"u8,
        LogLevel.Debug => "Debug"u8,
        LogLevel.Information => "Information"u8,
        LogLevel.Warning => "Warning"u8,
        LogLevel.Error => "Error"u8,
        LogLevel.Critical => "Critical"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a level an entry is written at."),
    };
}
