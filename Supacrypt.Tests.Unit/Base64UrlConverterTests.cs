using System.Text.Json;
using Supacrypt.Backend.KeyVault.Models;

namespace Supacrypt.Tests.Unit;

public sealed class Base64UrlConverterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(256)]
    [InlineData(4096)]
    public void An_operation_body_carries_its_value_as_unpadded_base64url(int length)
    {
        var value = Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 251)).ToArray();

        var json = JsonSerializer.Serialize(new KeyOperationParameters { Algorithm = "RS256", Value = value }, KeyVaultJsonContext.Default.KeyOperationParameters);

        Assert.Equal($$"""{"alg":"RS256","value":"{{Convert.ToBase64String(value).TrimEnd('=').Replace('+', '-').Replace('/', '_')}}"}""", json);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(256)]
    [InlineData(4096)]
    public void An_operation_result_is_read_back_to_the_same_bytes(int length)
    {
        var value = Enumerable.Range(0, length).Select(i => (byte)(i * 13 + 5)).ToArray();
        var json = JsonSerializer.Serialize(new KeyOperationParameters { Algorithm = "RS256", Value = value }, KeyVaultJsonContext.Default.KeyOperationParameters);

        var result = JsonSerializer.Deserialize(json, KeyVaultJsonContext.Default.KeyOperationResult)!;

        Assert.Equal(value, result.Value);
    }

    [Fact]
    public void An_escaped_or_padded_value_is_decoded_like_a_plain_one()
    {
        // "-_8" escaped as \u002D\u005F8, and "AQID" padded: both are valid JSON spellings of base64url.
        var escaped = JsonSerializer.Deserialize("""{"value":"\u002D\u005F8"}""", KeyVaultJsonContext.Default.KeyOperationResult)!;
        var padded = JsonSerializer.Deserialize("""{"value":"AQI="}""", KeyVaultJsonContext.Default.KeyOperationResult)!;

        Assert.Equal(Convert.FromBase64String("+/8="), escaped.Value);
        Assert.Equal(new byte[] { 1, 2 }, padded.Value);
    }

    [Theory]
    [InlineData("""{"value":"not base64url!"}""")]
    [InlineData("""{"value":"a+b/"}""")]
    [InlineData("""{"value":42}""")]
    public void A_value_that_is_not_base64url_is_a_json_error(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, KeyVaultJsonContext.Default.KeyOperationResult));
}
