using System.Text.Json.Nodes;
using static Supacrypt.Tests.Deployment.Azure.ArmTemplate;

namespace Supacrypt.Tests.Deployment.Azure;

// What `azd provision` creates, as compiled from infra/main.bicep with every module nested in it.
[Collection(AzureTemplatesGroup.Name)]
public sealed class ProvisioningTemplateTests(AzureTemplatesFixture templates)
{
    private const string CryptoOfficer = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603";
    private const string CryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424";
    private const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

    private static readonly string[] SecretMarkers =
        ["listKeys", "listSecrets", "listCredentials", "primarySharedKey", "ConnectionString", "secretOutputs", "password"];

    private JsonObject Template => templates.Provisioning;

    [Fact]
    public void Key_vault_authorizes_with_rbac_keeps_deleted_keys_90_days_and_cannot_be_purged_early()
    {
        var properties = Single(Template, "Microsoft.KeyVault/vaults")["properties"]!;

        Assert.True(properties["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(properties["enableSoftDelete"]!.GetValue<bool>());
        Assert.Equal(90, properties["softDeleteRetentionInDays"]!.GetValue<int>());
        Assert.True(properties["enablePurgeProtection"]!.GetValue<bool>());
        Assert.Null(properties["accessPolicies"]);
        Assert.Equal("[parameters('skuName')]", String(properties["sku"]!["name"]));
        Assert.Equal("[parameters('publicNetworkAccess')]", String(properties["publicNetworkAccess"]));
    }

    [Fact]
    public void Backend_identity_is_crypto_officer_with_key_management_and_crypto_user_without_on_that_vault_only()
    {
        var keyvault = Module(Template, "keyvault");
        var vault = Single(keyvault, "Microsoft.KeyVault/vaults");
        var roles = OfType(keyvault, "Microsoft.Authorization/roleAssignments").ToList();

        Assert.Equal(2, roles.Count);
        var officer = Assert.Single(roles, role => RoleId(role) == CryptoOfficer);
        var user = Assert.Single(roles, role => RoleId(role) == CryptoUser);
        Assert.Equal("[parameters('allowKeyManagement')]", String(officer["condition"]));
        Assert.Equal("[not(parameters('allowKeyManagement'))]", String(user["condition"]));
        Assert.All(roles, role =>
        {
            Assert.Equal(ResourceIdOf(vault), String(role["scope"]));
            Assert.Equal("[parameters('principalId')]", String(role["properties"]!["principalId"]));
        });
        AssertReadsModuleOutput(ModuleDeployment("keyvault")["properties"]!["parameters"]!["principalId"]!["value"], "identity", "principalId");
    }

    [Fact]
    public void Registry_has_no_admin_user_and_the_pull_identity_holds_acr_pull_on_it_in_provisioning()
    {
        var registryModule = Module(Template, "container-registry");
        var registry = Single(registryModule, "Microsoft.ContainerRegistry/registries");
        var pull = Single(registryModule, "Microsoft.Authorization/roleAssignments");

        Assert.False(registry["properties"]!["adminUserEnabled"]!.GetValue<bool>());
        Assert.Equal(AcrPull, RoleId(pull));
        Assert.Equal(ResourceIdOf(registry), String(pull["scope"]));
        Assert.Equal("[parameters('pullPrincipalId')]", String(pull["properties"]!["principalId"]));
        AssertReadsModuleOutput(
            ModuleDeployment("container-registry")["properties"]!["parameters"]!["pullPrincipalId"]!["value"], "identity", "principalId");
        // azd deploys the app after this whole template succeeded, handing it this identity to pull with.
        AssertReadsModuleOutput(Template["outputs"]!["AZURE_CONTAINER_REGISTRY_MANAGED_IDENTITY_ID"]!["value"], "identity", "id");
    }

    [Fact]
    public void Environment_joins_the_virtual_network_whose_infrastructure_subnet_the_backend_trusts()
    {
        var environment = Single(Template, "Microsoft.App/managedEnvironments")["properties"]!;
        var network = Module(Template, "network");

        Assert.Equal("[parameters('infrastructureSubnetId')]", String(environment["vnetConfiguration"]!["infrastructureSubnetId"]));
        Assert.Equal("[parameters('internal')]", String(environment["vnetConfiguration"]!["internal"]));
        Assert.Equal("[not(parameters('backendExternal'))]",
            String(ModuleDeployment("container-apps-environment")["properties"]!["parameters"]!["internal"]!["value"]));
        Assert.Equal("Microsoft.App/environments", String(
            Single(network, "Microsoft.Network/virtualNetworks")["properties"]!["subnets"]![0]!["properties"]!["delegations"]![0]!["properties"]!["serviceName"]));
        Assert.Equal("[parameters('infrastructureSubnetPrefix')]", String(network["outputs"]!["infrastructureSubnetPrefix"]!["value"]));
        AssertReadsModuleOutput(
            Template["outputs"]!["AZURE_CONTAINER_APPS_INFRASTRUCTURE_SUBNET_PREFIX"]!["value"], "network", "infrastructureSubnetPrefix");
    }

    [Fact]
    public void Key_vault_audit_events_and_telemetry_go_to_log_analytics_and_application_insights()
    {
        var audit = Single(Module(Template, "keyvault"), "Microsoft.Insights/diagnosticSettings");
        var environment = Single(Template, "Microsoft.App/managedEnvironments")["properties"]!;

        Assert.Equal("audit", String(audit["properties"]!["logs"]![0]!["categoryGroup"]));
        Assert.Equal("[parameters('logAnalyticsWorkspaceId')]", String(audit["properties"]!["workspaceId"]));
        Assert.Equal("log-analytics", String(environment["appLogsConfiguration"]!["destination"]));
        Assert.Contains("appInsights", environment["openTelemetryConfiguration"]!.ToJsonString(), StringComparison.Ordinal);
    }

    // Private by default: no public endpoint, a private endpoint in the virtual network, and the privatelink zone
    // linked to that network so the vault's name resolves to it; one parameter opens public access for a quick start.
    [Fact]
    public void Key_vault_is_private_by_default_behind_an_endpoint_whose_dns_zone_the_network_resolves()
    {
        var vault = Module(Template, "keyvault");
        var mainParameters = Template["parameters"]!["keyVaultPublicNetworkAccess"]!;
        var endpoint = Single(Template, "Microsoft.Network/privateEndpoints");
        var zone = Single(Template, "Microsoft.Network/privateDnsZones");
        var link = Single(Template, "Microsoft.Network/privateDnsZones/virtualNetworkLinks");
        var group = Single(Template, "Microsoft.Network/privateEndpoints/privateDnsZoneGroups");
        var keyVaultDeployment = Assert.Single(OfType(Template, "Microsoft.Resources/deployments"), deployment => String(deployment["name"]) == "keyvault");

        Assert.Equal("Disabled", String(mainParameters["defaultValue"]));
        Assert.Equal(["Enabled", "Disabled"], mainParameters["allowedValues"]!.AsArray().Select(String));
        Assert.Contains("${SUPACRYPT_KEY_VAULT_PUBLIC_NETWORK_ACCESS=Disabled}", RepositoryFiles.Read("infra/main.parameters.json"), StringComparison.Ordinal);
        Assert.Equal("[parameters('publicNetworkAccess')]", String(Single(vault, "Microsoft.KeyVault/vaults")["properties"]!["publicNetworkAccess"]));
        Assert.Equal("vault", String(endpoint["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!["groupIds"]![0]));
        Assert.Equal("privatelink.vaultcore.azure.net", String(zone["name"]));
        Assert.Equal("[parameters('virtualNetworkId')]", String(link["properties"]!["virtualNetwork"]!["id"]));
        Assert.Contains("privatelink.vaultcore.azure.net", group["properties"]!["privateDnsZoneConfigs"]![0]!["properties"]!["privateDnsZoneId"]!.ToJsonString(), StringComparison.Ordinal);
        var parameters = keyVaultDeployment["properties"]!["parameters"]!;
        Assert.Contains("privateEndpointSubnetId", parameters["privateEndpointSubnetId"]!["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("network", parameters["virtualNetworkId"]!["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_output_of_any_template_carries_a_secret()
    {
        var outputs = new[] { Template }.Concat(OfType(Template, "Microsoft.Resources/deployments")
                .Select(deployment => deployment["properties"]!["template"]!.AsObject()))
            .SelectMany(template => template["outputs"]?.AsObject() ?? [])
            .ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, output =>
        {
            Assert.DoesNotContain("secure", String(output.Value!["type"]), StringComparison.OrdinalIgnoreCase);
            Assert.All(SecretMarkers, marker =>
                Assert.DoesNotContain(marker, output.Value!["value"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase));
        });
    }

    [Fact]
    public void Outputs_carry_every_name_azd_and_the_container_app_parameters_read()
    {
        string[] names =
        [
            "MANAGED_IDENTITY_CLIENT_ID", "AZURE_CONTAINER_REGISTRY_ENDPOINT", "AZURE_CONTAINER_REGISTRY_MANAGED_IDENTITY_ID",
            "AZURE_CONTAINER_APPS_ENVIRONMENT_ID", "KEYVAULT_VAULTURI", "APPLICATIONINSIGHTS_NAME",
        ];

        Assert.All(names, name => Assert.NotNull(Template["outputs"]![name]));
        AssertReadsModuleOutput(Template["outputs"]!["KEYVAULT_VAULTURI"]!["value"], "keyvault", "vaultUri");
        AssertReadsModuleOutput(Template["outputs"]!["APPLICATIONINSIGHTS_NAME"]!["value"], "log-analytics", "applicationInsightsName");
    }

    private JsonObject ModuleDeployment(string name) =>
        Assert.Single(OfType(Template, "Microsoft.Resources/deployments"), deployment => String(deployment["name"]) == name);

    // "[reference(...'Microsoft.Resources/deployments', '<module>'), ...).outputs.<output>.value]"
    private static void AssertReadsModuleOutput(JsonNode? expression, string module, string output)
    {
        var text = String(expression);
        Assert.StartsWith("[reference(", text, StringComparison.Ordinal);
        Assert.Contains($"'Microsoft.Resources/deployments', '{module}')", text, StringComparison.Ordinal);
        Assert.EndsWith($").outputs.{output}.value]", text, StringComparison.Ordinal);
    }

    // "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '<id>')]" → "<id>"
    private static string RoleId(JsonObject assignment)
    {
        var definition = String(assignment["properties"]!["roleDefinitionId"]);
        Assert.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '", definition, StringComparison.Ordinal);
        return definition.Split('\'')[3];
    }

    // The expression ARM evaluates to this resource's id, as a scope names it.
    private static string ResourceIdOf(JsonObject resource) =>
        $"[resourceId('{Type(resource)}', {String(resource["name"]).Trim('[', ']')})]";
}
