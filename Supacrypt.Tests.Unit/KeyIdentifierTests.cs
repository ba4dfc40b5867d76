using Supacrypt.Backend.KeyVault;

namespace Supacrypt.Tests.Unit;

public sealed class KeyIdentifierTests
{
    [Theory]
    [InlineData("https://myvault.vault.azure.net/keys/my-key/0123456789abcdef0123456789abcdef", "my-key", "0123456789abcdef0123456789abcdef")]
    [InlineData("https://myvault.vault.azure.net/keys/my-key", "my-key", null)]
    [InlineData("https://myvault.vault.azure.net/keys/my-key/", "my-key", null)]
    [InlineData("http://127.0.0.1:5123/keys/k1/abc", "k1", "abc")]
    [InlineData("https://myhsm.managedhsm.azure.net:443/keys/hsm-key/v1?api-version=7.5", "hsm-key", "v1")]
    public void Name_and_version_come_from_the_path(string kid, string name, string? version)
    {
        Assert.Equal(name, KeyIdentifier.NameOf(kid));
        Assert.Equal(version, KeyIdentifier.VersionOf(kid));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("my-key")]
    [InlineData("keys/my-key/0123")]
    [InlineData("https://myvault.vault.azure.net/")]
    [InlineData("https://myvault.vault.azure.net/keys")]
    public void Identifiers_without_a_name_have_neither_name_nor_version(string? kid)
    {
        Assert.Null(KeyIdentifier.NameOf(kid));
        Assert.Null(KeyIdentifier.VersionOf(kid));
    }
}
