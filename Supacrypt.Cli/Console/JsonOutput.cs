using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Supacrypt.Cli;

/// <summary>--json output: one JSON document on standard output; contract messages in protobuf's JSON mapping.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static void Write(Terminal terminal, object value) => terminal.Output.WriteLine(JsonSerializer.Serialize(value, Options));

    public static JsonNode? Message(IMessage? message) => message is null ? null : JsonNode.Parse(Formatter.Format(message));

    /// <summary>A success message with the call's correlation id beside its fields.</summary>
    public static JsonObject Message(IMessage message, string correlationId)
    {
        var json = JsonNode.Parse(Formatter.Format(message))!.AsObject();
        json["correlationId"] = correlationId;
        return json;
    }
}
