using System.Buffers.Text;
using System.Text;
using Supacrypt.Backend.Keys;
using static Supacrypt.Tests.Unit.Refusals;

namespace Supacrypt.Tests.Unit;

public sealed class ListPageTokenTests
{
    [Theory]
    [InlineData(null, 0, "", false)]
    [InlineData("2!88!MDAwMDI4IWtleS9hYmMvMDAwMCE-", 7, "prod-", true)]
    [InlineData("skip token with spaces & symbols/+=?", 24, "ünï-côdé \"quoted\"", false)]
    public void A_token_decodes_to_what_was_encoded(string? skipToken, int offset, string filter, bool includeDisabled)
    {
        var token = new ListPageToken(skipToken, offset, filter, includeDisabled);

        var encoded = token.Encode();

        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain('/', encoded);
        Assert.DoesNotContain('=', encoded);
        Assert.Equal(token, ListPageToken.Decode(encoded, filter, includeDisabled));
    }

    [Fact]
    public void A_token_for_another_filter_or_disabled_setting_is_refused()
    {
        var encoded = new ListPageToken("skip", 3, "app-", false).Encode();

        Refused(KeyError.InvalidRequest, () => ListPageToken.Decode(encoded, "other-", false));
        Refused(KeyError.InvalidRequest, () => ListPageToken.Decode(encoded, "", false));
        Refused(KeyError.InvalidRequest, () => ListPageToken.Decode(encoded, "APP-", false));
        var refusal = Refused(KeyError.InvalidRequest, () => ListPageToken.Decode(encoded, "app-", true));
        Assert.Contains("filter", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64url!")]
    [InlineData("%%%")]
    [InlineData("e30")]
    [InlineData("bnVsbA")]
    [InlineData("W10")]
    [InlineData("eyJvIjoieCJ9")]
    [InlineData("eyJzIjpudWxsLCJvIjotMSwiZiI6IiIsImQiOmZhbHNlfQ")]
    [InlineData("eyJzIjpudWxsLCJvIjowLCJmIjoiIiwiZCI6ZmFsc2U")]
    [InlineData("A")]
    public void A_token_the_service_did_not_issue_is_refused(string token)
    {
        var refusal = Refused(KeyError.InvalidRequest, () => ListPageToken.Decode(token, "", false));

        Assert.Contains("page_token", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_token_is_refused_or_decodes_only_to_values_of_the_same_listing()
    {
        var encoded = new ListPageToken("skip", 3, "app-", false).Encode();
        var json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.Replace("\"app-\"", "\"\"", StringComparison.Ordinal)));

        Refused(KeyError.InvalidRequest, () => ListPageToken.Decode(forged, "app-", false));
        Refused(KeyError.InvalidRequest, () => ListPageToken.Decode(encoded[..^2], "app-", false));
    }
}
