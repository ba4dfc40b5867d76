using Azure.Core;
using Azure.Identity;

namespace Supacrypt.Backend.KeyVault;

/// <summary>Turns <c>KeyVault:Credential</c> into an Azure.Identity credential; <c>None</c> means no token at all.</summary>
internal static class KeyVaultCredentials
{
    public static TokenCredential? Create(KeyVaultOptions options) => options.Credential switch
    {
        KeyVaultCredentialKind.Default => new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = options.ManagedIdentityClientId,
        }),
        KeyVaultCredentialKind.ManagedIdentity => string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId)),
        KeyVaultCredentialKind.WorkloadIdentity => new WorkloadIdentityCredential(),
        KeyVaultCredentialKind.AzureCli => new AzureCliCredential(),
        KeyVaultCredentialKind.ClientSecret => new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret),
        KeyVaultCredentialKind.None => null,
        _ => throw new InvalidOperationException($"Unknown KeyVault:Credential '{options.Credential}'."),
    };

    /// <summary>The token audience for the vault's cloud, so sovereign clouds and Managed HSM work too.</summary>
    public static string ScopeFor(Uri vaultUri)
    {
        string[] audiences = ["vault.azure.net", "vault.azure.cn", "vault.usgovcloudapi.net", "managedhsm.azure.net", "managedhsm.azure.cn", "managedhsm.usgovcloudapi.net"];
        foreach (var audience in audiences)
        {
            if (vaultUri.Host.EndsWith("." + audience, StringComparison.OrdinalIgnoreCase))
            {
                return $"https://{audience}/.default";
            }
        }

        return "https://vault.azure.net/.default";
    }
}
