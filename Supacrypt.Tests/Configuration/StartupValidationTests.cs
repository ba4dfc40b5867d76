using Microsoft.Extensions.Options;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Configuration;

/// <summary>Settings that are missing, contradictory or insecure stop the backend at start-up with a message that says which.</summary>
[Collection(BackendTests.Name)]
public sealed class StartupValidationTests(BackendFixture fixture)
{
    public static TheoryData<string, string?, string> InvalidSettings() => new()
    {
        { "ConnectionStrings:keyvault", "", "No Key Vault is configured" },
        { "ConnectionStrings:keyvault", "http://vault.example.com/", "must use https" },
        { "ConnectionStrings:keyvault", "https://contoso.vault.azure.net/", "Credential=None sends no token" },
        { "KeyVault:ApiVersion", "7.4", "use 7.5 or newer" },
        { "KeyVault:Credential", "ClientSecret", "needs KeyVault:TenantId" },
        { "Security:Mode", "Insecure", "allowed only in the Development environment" },
        { "Kestrel:Endpoints:grpc:Url", "http://127.0.0.1:1", "needs the grpc endpoint on https://" },
        { "Security:ServerCertificatePath", "", "Security:ServerCertificatePath is required" },
        { "Security:ClientCertificateAuthorityPath", "/nonexistent/ca.pem", "does not exist" },
        { "Security:Authorization:Clients:0:Roles:0", "7", "which is no role" },
        { "Security:Authorization:Clients:0:KeyPrefixes:0", " ", "would match every key" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task Production_refuses_to_start_with_an_invalid_setting(string key, string? value, string message)
    {
        var settings = BackendFixture.BackendSettings(fixture.Emulator.VaultUri, BackendFixture.FreePort(), BackendFixture.FreePort());
        settings[key] = value;
        await using var backend = new BackendFixture.BackendFactory(settings);
        backend.UseKestrel();

        var failure = Assert.ThrowsAny<OptionsValidationException>(backend.StartServer);

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }
}
