using System.Net.Http.Json;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.KeyVault;

/// <summary>Configuration that reaches Key Vault requests.</summary>
[Collection(BackendTests.Name)]
public sealed class BackendConfigurationTests(BackendFixture fixture)
{
    [Fact]
    public async Task Key_type_hsm_creates_hsm_keys()
    {
        await using var backend = StartedBackend.Start(fixture.Emulator.VaultUri, settings => settings["KeyVault:KeyType"] = "Hsm");

        var rsa = await backend.Client.CreateAsync(TestKey.Rsa2048);
        var ec = await backend.Client.CreateAsync(TestKey.P256);

        Assert.Equal("RSA-HSM", await KtyAsync(rsa.Metadata.Name));
        Assert.Equal("EC-HSM", await KtyAsync(ec.Metadata.Name));
    }

    private async Task<string?> KtyAsync(string name)
    {
        using var client = fixture.Emulator.CreateClient();
        var bundle = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"keys/{name}/?api-version=7.5");
        return bundle.GetProperty("key").GetProperty("kty").GetString();
    }
}
