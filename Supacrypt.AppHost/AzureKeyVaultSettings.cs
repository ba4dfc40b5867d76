using Microsoft.Extensions.Configuration;

namespace Supacrypt.AppHost;

// What the AppHost asks of the Azure Key Vault it publishes, from its own configuration.
internal sealed record AzureKeyVaultSettings(bool AllowKeyManagement, string Sku, string PublicNetworkAccess)
{
    private static readonly string[] Skus = ["standard", "premium"];
    private static readonly string[] NetworkAccess = ["Enabled", "Disabled"];

    // Premium vaults hold HSM-protected keys; the backend then creates those.
    public string KeyType => Sku == "premium" ? "Hsm" : "Software";

    public static AzureKeyVaultSettings From(IConfiguration configuration)
    {
        var settings = new AzureKeyVaultSettings(
            configuration.GetValue("Supacrypt:AllowKeyManagement", defaultValue: true),
            configuration["Supacrypt:KeyVault:Sku"] ?? "standard",
            configuration["Supacrypt:KeyVault:PublicNetworkAccess"] ?? "Enabled");

        Require(settings.Sku, Skus, "Supacrypt:KeyVault:Sku");
        Require(settings.PublicNetworkAccess, NetworkAccess, "Supacrypt:KeyVault:PublicNetworkAccess");
        return settings;
    }

    private static void Require(string value, string[] allowed, string setting)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"{setting} is '{value}'; it must be one of: {string.Join(", ", allowed)}.");
        }
    }
}
