using Aspire.Hosting.Publishing;

namespace Supacrypt.AppHost;

// The Azure Key Vault a deployment creates, written to the manifest as Aspire's Azure integration writes its resources
// (azure.bicep.v0: a Bicep module, its parameters, and the connection string taken from its outputs).
internal sealed class AzureKeyVaultResource(string name, AzureKeyVaultSettings settings, string modulePath)
    : Resource(name), IResourceWithConnectionString
{
    public AzureKeyVaultSettings Settings => settings;

    public string ModulePath => modulePath;

    public AzureBicepOutput VaultUri => new(this, "vaultUri");

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{VaultUri}");
}

internal static class AzureKeyVaultBuilderExtensions
{
    private const string ModulePath = "../infra/keyvault/keyvault.module.bicep";

    public static KeyVault AddAzureKeyVault(this IDistributedApplicationBuilder builder, string name)
    {
        var resource = new AzureKeyVaultResource(
            name, AzureKeyVaultSettings.From(builder.Configuration), builder.ResolveAppHostFile(ModulePath));
        var vault = builder.AddResource(resource)
            .WithManifestPublishingCallback(context => WriteManifest(context, resource));

        return new(name, vault, ReferenceExpression.Create($"{resource}"));
    }

    private static void WriteManifest(ManifestPublishingContext context, AzureKeyVaultResource vault)
    {
        var writer = context.Writer;

        writer.WriteString("type", "azure.bicep.v0");
        context.WriteConnectionString(vault);
        writer.WriteString("path", context.GetManifestRelativePath(vault.ModulePath));

        writer.WriteStartObject("params");
        // Empty values are azd's convention for "fill in": the managed identity it gives the services, and its workspace.
        writer.WriteString("principalId", "");
        writer.WriteString("principalType", "");
        writer.WriteString("logAnalyticsWorkspaceId", "");
        writer.WriteBoolean("allowKeyManagement", vault.Settings.AllowKeyManagement);
        writer.WriteString("skuName", vault.Settings.Sku);
        writer.WriteString("publicNetworkAccess", vault.Settings.PublicNetworkAccess);
        writer.WriteEndObject();
    }
}
