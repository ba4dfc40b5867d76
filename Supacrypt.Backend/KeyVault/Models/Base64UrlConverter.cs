using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Supacrypt.Backend.KeyVault.Models;

/// <summary>
/// Key Vault encodes every binary field as unpadded base64url. Both directions work on the UTF-8 bytes of the JSON
/// document, so a signature or digest is not first turned into a .NET string on every request and response.
/// </summary>
internal sealed class Base64UrlConverter : JsonConverter<byte[]>
{
    // Larger than any value the backend sends or receives (an RSA-4096 ciphertext encodes to 683 bytes).
    private const int StackLimit = 1024;

    public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a base64url string.");
        }

        try
        {
            // An escaped or segmented value is rare (Key Vault never escapes base64url); it takes the copying path.
            return reader.ValueIsEscaped || reader.HasValueSequence
                ? Base64Url.DecodeFromChars(reader.GetString())
                : Base64Url.DecodeFromUtf8(reader.ValueSpan);
        }
        catch (FormatException exception)
        {
            throw new JsonException("A binary field is not valid base64url.", exception);
        }
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options)
    {
        var length = Base64Url.GetEncodedLength(value.Length);
        byte[]? rented = null;
        Span<byte> encoded = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Base64Url.EncodeToUtf8(value, encoded);
            writer.WriteStringValue(encoded[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
