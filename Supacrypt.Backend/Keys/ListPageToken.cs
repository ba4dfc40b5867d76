using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Supacrypt.Backend.Keys;

/// <summary>
/// Where a ListKeys page ends: Key Vault's skip token for the listing page, and how many of its items were
/// already examined. It holds no URL, so a forged token can only ever make the backend read its own vault.
/// </summary>
public sealed record ListPageToken(
    [property: JsonPropertyName("s")] string? SkipToken,
    [property: JsonPropertyName("o")] int Offset,
    [property: JsonPropertyName("f")] string Filter,
    [property: JsonPropertyName("d")] bool IncludeDisabled)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, ListPageTokenJsonContext.Default.ListPageToken));

    public static ListPageToken Decode(string token, string filter, bool includeDisabled)
    {
        ListPageToken? decoded = null;
        try
        {
            decoded = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), ListPageTokenJsonContext.Default.ListPageToken);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            // Reported below as one precise refusal.
        }

        if (decoded is null || decoded.Offset < 0)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, "page_token is not a token this service issued; pass next_page_token from the previous ListKeys response unchanged.");
        }

        if (decoded.Filter != filter || decoded.IncludeDisabled != includeDisabled)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, "page_token belongs to a listing with another filter or include_disabled; repeat the same filter with each page.");
        }

        return decoded;
    }
}

[JsonSerializable(typeof(ListPageToken))]
internal sealed partial class ListPageTokenJsonContext : JsonSerializerContext;
