using Aspire.Hosting.Publishing;

namespace Supacrypt.AppHost;

internal static class AzureContainerAppExtensions
{
    // The manifest then calls the project project.v1 and names this module as its "deployment" (azure.bicep.v0):
    // azd builds the image, renders infra/<name>/<name>.tmpl.bicepparam beside the module and deploys it.
    public static IResourceBuilder<ProjectResource> PublishAsAzureContainerApp(
        this IResourceBuilder<ProjectResource> project, string modulePath, KeyVault keyvault)
    {
        var module = project.ApplicationBuilder.ResolveAppHostFile(modulePath);
        var name = project.Resource.Name;

        // Not added to the model: it exists only as the project's deployment, as Aspire's Azure Container Apps do it.
        var deployment = new ContainerAppDeployment($"{name}-containerapp");
        deployment.Annotations.Add(new ManifestPublishingCallbackAnnotation(context =>
        {
            var writer = context.Writer;
            writer.WriteString("type", "azure.bicep.v0");
            writer.WriteString("path", context.GetManifestRelativePath(module));

            writer.WriteStartObject("params");
            writer.WriteString("containerImage", $"{{{name}.containerImage}}");
            writer.WriteString("containerAppsEnvironmentId", "{.outputs.AZURE_CONTAINER_APPS_ENVIRONMENT_ID}");
            writer.WriteString("registryEndpoint", "{.outputs.AZURE_CONTAINER_REGISTRY_ENDPOINT}");
            writer.WriteString("identityId", "{.outputs.AZURE_CONTAINER_REGISTRY_MANAGED_IDENTITY_ID}");
            writer.WriteString("identityClientId", "{.outputs.MANAGED_IDENTITY_CLIENT_ID}");
            writer.WriteString("keyVaultUri", keyvault.VaultUri.ValueExpression);
            writer.WriteString("keyType", "{.outputs.SUPACRYPT_KEY_TYPE}");
            writer.WriteString("trustedIngressNetwork", "{.outputs.AZURE_CONTAINER_APPS_INFRASTRUCTURE_SUBNET_PREFIX}");
            writer.WriteEndObject();
        }));

        return project.WithAnnotation(new DeploymentTargetAnnotation(deployment));
    }

    private sealed class ContainerAppDeployment(string name) : Resource(name);
}
