using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Supacrypt.Backend.KeyVault.Models;

/// <summary>Key Vault encodes every binary field as unpadded base64url.</summary>
internal sealed class Base64UrlConverter : JsonConverter<byte[]>
{
    public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("Expected a base64url string.");
        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException exception)
        {
            throw new JsonException("A binary field is not valid base64url.", exception);
        }
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Base64Url.EncodeToString(value));
}
