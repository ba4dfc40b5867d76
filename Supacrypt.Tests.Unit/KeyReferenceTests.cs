using Supacrypt.Backend.Keys;
using static Supacrypt.Tests.Unit.Refusals;

namespace Supacrypt.Tests.Unit;

public sealed class KeyReferenceTests
{
    private const string Version = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("a")]
    [InlineData("my-key-1")]
    [InlineData("ABC-def-123")]
    [InlineData("-")]
    public void A_bare_name_is_the_latest_version(string keyId)
    {
        var reference = KeyIds.Parse(keyId);

        Assert.Equal(keyId, reference.Name);
        Assert.Null(reference.Version);
        Assert.Equal(keyId, reference.ToString());
    }

    [Fact]
    public void Name_and_version_pin_one_version()
    {
        var reference = KeyIds.Parse($"signing-key/{Version}");

        Assert.Equal("signing-key", reference.Name);
        Assert.Equal(Version, reference.Version);
        Assert.Equal($"signing-key/{Version}", reference.ToString());
    }

    [Fact]
    public void An_uppercase_hex_version_is_normalized_to_lowercase()
    {
        var reference = KeyIds.Parse($"k/{Version.ToUpperInvariant()}");

        Assert.Equal(Version, reference.Version);
    }

    [Fact]
    public void A_name_of_127_characters_is_accepted_and_128_is_refused()
    {
        var longest = new string('k', 127);

        Assert.Equal(longest, KeyIds.Parse(longest).Name);
        Assert.Equal(longest, KeyIds.Parse($"{longest}/{Version}").Name);
        Refused(KeyError.InvalidRequest, () => KeyIds.Parse(longest + "k"));
        Refused(KeyError.InvalidRequest, () => KeyReference.EnsureValidName(longest + "k", "name"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("has space")]
    [InlineData("under_score")]
    [InlineData("dot.ted")]
    [InlineData("ümlaut")]
    [InlineData("/0123456789abcdef0123456789abcdef")]
    [InlineData("tab\tkey")]
    public void Invalid_names_are_refused(string? keyId)
    {
        var refusal = Refused(KeyError.InvalidRequest, () => KeyIds.Parse(keyId));

        Assert.Contains("key_id", refusal.Message, StringComparison.Ordinal);
    }

    // .NET's '$' also matches before a final line feed, so an anchored pattern alone lets "name\n" through.
    [Theory]
    [InlineData("key\n")]
    [InlineData("key/0123456789abcdef0123456789abcdef\n")]
    public void A_trailing_line_feed_is_not_part_of_a_valid_key_id(string keyId) =>
        Refused(KeyError.InvalidRequest, () => KeyIds.Parse(keyId));

    [Fact]
    public void A_trailing_line_feed_is_not_part_of_a_valid_name() =>
        Refused(KeyError.InvalidRequest, () => KeyReference.EnsureValidName("key\n", "name"));

    [Theory]
    [InlineData("k/")]
    [InlineData("k/0123456789abcdef0123456789abcde")]
    [InlineData("k/0123456789abcdef0123456789abcdef0")]
    [InlineData("k/0123456789abcdef0123456789abcdeg")]
    [InlineData("k/0123456789abcdef0123456789abcdef/sign")]
    [InlineData("k/latest")]
    public void Invalid_versions_are_refused(string keyId)
    {
        var refusal = Refused(KeyError.InvalidRequest, () => KeyIds.Parse(keyId));

        Assert.Contains("version", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://myvault.vault.azure.net/keys/k")]
    [InlineData("https://myvault.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef")]
    [InlineData("keys/k/0123456789abcdef0123456789abcdef")]
    [InlineData("//myvault.vault.azure.net/keys/k")]
    public void Url_forms_are_refused(string keyId) =>
        Refused(KeyError.InvalidRequest, () => KeyIds.Parse(keyId));

    [Fact]
    public void A_very_long_key_id_is_truncated_in_the_message()
    {
        var keyId = new string('x', 5000) + "!";

        var refusal = Refused(KeyError.InvalidRequest, () => KeyIds.Parse(keyId));

        Assert.True(refusal.Message.Length < 400, refusal.Message);
    }
}
