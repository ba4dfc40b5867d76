using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Supacrypt.KeyVaultEmulator.Json;

/// <summary>Serializer settings shared by every Key Vault response and request.</summary>
public static class WireJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowTrailingCommas = false,
        // Key Vault (a .NET service) matches member names without regard to case, e.g. "Hsm" or "hsm" on import.
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        // Key Vault writes "Recoverable+Purgeable", not "\u002B"; responses are JSON, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
