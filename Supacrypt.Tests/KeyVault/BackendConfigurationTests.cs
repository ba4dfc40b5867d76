using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.KeyVault;

/// <summary>Configuration that reaches Key Vault requests, and configuration that must stop the backend at start-up.</summary>
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

    public static TheoryData<string, string?, string> InvalidSettings() => new()
    {
        { "ConnectionStrings:keyvault", "", "No Key Vault is configured" },
        { "ConnectionStrings:keyvault", "http://vault.example.com/", "must use https" },
        { "KeyVault:ApiVersion", "7.4", "use 7.5 or newer" },
        { "KeyVault:Credential", "ClientSecret", "needs KeyVault:TenantId" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task Invalid_key_vault_settings_stop_the_backend_at_start_up(string key, string? value, string message)
    {
        var settings = BackendFixture.BackendSettings(fixture.Emulator.VaultUri, BackendFixture.FreePort(), BackendFixture.FreePort());
        settings[key] = value;
        await using var backend = new BackendFixture.BackendFactory(settings);
        backend.UseKestrel();

        var failure = Assert.ThrowsAny<OptionsValidationException>(backend.StartServer);

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_none_is_refused_for_a_remote_vault_outside_development()
    {
        var settings = BackendFixture.BackendSettings(new Uri("https://contoso.vault.azure.net/"), BackendFixture.FreePort(), BackendFixture.FreePort());
        await using var backend = new BackendFixture.BackendFactory(settings);
        backend.UseKestrel();

        var failure = Assert.ThrowsAny<OptionsValidationException>(backend.StartServer);

        Assert.Contains("Credential=None", failure.Message, StringComparison.Ordinal);
    }

    private async Task<string?> KtyAsync(string name)
    {
        using var client = fixture.Emulator.CreateClient();
        var bundle = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"keys/{name}/?api-version=7.5");
        return bundle.GetProperty("key").GetProperty("kty").GetString();
    }
}
