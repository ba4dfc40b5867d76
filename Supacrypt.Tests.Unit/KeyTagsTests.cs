using Supacrypt.Backend.Keys;
using static Supacrypt.Tests.Unit.Refusals;

namespace Supacrypt.Tests.Unit;

public sealed class KeyTagsTests
{
    [Fact]
    public void Tags_at_every_limit_are_accepted()
    {
        var tags = Enumerable.Range(0, KeyTags.MaxCount).ToDictionary(i => i == 0 ? new string('n', 512) : $"tag{i}", _ => new string('v', 256));
        tags["tag1"] = "";

        KeyTags.Validate(tags);
        KeyTags.Validate(new Dictionary<string, string>());
        Assert.Equal((15, 512, 256), (KeyTags.MaxCount, KeyTags.MaxNameLength, KeyTags.MaxValueLength));
    }

    [Fact]
    public void More_than_fifteen_tags_are_refused()
    {
        var tags = Enumerable.Range(0, 16).ToDictionary(i => $"tag{i}", i => $"{i}");

        var refusal = Refused(KeyError.InvalidRequest, () => KeyTags.Validate(tags));

        Assert.Contains("16", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_tag_name_is_refused() =>
        Refused(KeyError.InvalidRequest, () => KeyTags.Validate(new Dictionary<string, string> { [""] = "value" }));

    [Fact]
    public void A_tag_name_over_512_characters_is_refused()
    {
        var refusal = Refused(KeyError.InvalidRequest, () => KeyTags.Validate(new Dictionary<string, string> { [new string('n', 513)] = "v" }));

        Assert.Contains("513", refusal.Message, StringComparison.Ordinal);
        Assert.True(refusal.Message.Length < 200, "the message quotes only the start of a long name");
    }

    [Fact]
    public void A_tag_value_over_256_characters_is_refused()
    {
        var refusal = Refused(KeyError.InvalidRequest, () => KeyTags.Validate(new Dictionary<string, string> { ["owner"] = new string('v', 257) }));

        Assert.Contains("owner", refusal.Message, StringComparison.Ordinal);
    }
}
