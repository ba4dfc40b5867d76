using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.KeyVault;

/// <summary>Binds <see cref="KeyVaultOptions"/> and lets Aspire's <c>ConnectionStrings:keyvault</c> name the vault.</summary>
internal sealed class KeyVaultOptionsSetup(IConfiguration configuration) : IConfigureOptions<KeyVaultOptions>
{
    public void Configure(KeyVaultOptions options)
    {
        configuration.GetSection(KeyVaultOptions.SectionName).Bind(options);
        var connectionString = configuration.GetConnectionString("keyvault");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            options.VaultUri = Uri.TryCreate(connectionString.Trim(), UriKind.Absolute, out var uri)
                ? uri
                : throw new OptionsValidationException(
                    KeyVaultOptions.SectionName,
                    typeof(KeyVaultOptions),
                    [$"ConnectionStrings:keyvault '{connectionString}' is not an absolute URI such as https://myvault.vault.azure.net/."]);
        }
    }
}
