using System.Text.Json.Nodes;
using static Supacrypt.Tests.Deployment.Azure.ArmTemplate;

namespace Supacrypt.Tests.Deployment.Azure;

// The backend's container app as compiled from Supacrypt.AppHost/infra/backend/backend.module.bicep.
[Collection(AzureTemplatesGroup.Name)]
public sealed class ContainerAppTemplateTests(AzureTemplatesFixture templates)
{
    private JsonObject Template => templates.ContainerApp;

    private JsonObject App => Single(Template, "Microsoft.App/containerApps");

    private JsonObject Container => Assert.Single(App["properties"]!["template"]!["containers"]!.AsArray())!.AsObject();

    [Fact]
    public void Ingress_speaks_http2_to_the_grpc_port_and_requires_a_client_certificate_by_default()
    {
        var ingress = App["properties"]!["configuration"]!["ingress"]!;

        Assert.Equal("http2", String(ingress["transport"]));
        Assert.Equal(5000, ingress["targetPort"]!.GetValue<int>());
        Assert.False(ingress["allowInsecure"]!.GetValue<bool>());
        Assert.Equal("[parameters('clientCertificateMode')]", String(ingress["clientCertificateMode"]));
        Assert.Equal("require", String(Template["parameters"]!["clientCertificateMode"]!["defaultValue"]));
        Assert.Equal("[parameters('external')]", String(ingress["external"]));
        Assert.True(Template["parameters"]!["external"]!["defaultValue"]!.GetValue<bool>());
    }

    [Fact]
    public void Probes_ask_the_health_port_startup_liveness_every_30_s_and_readiness_every_10_s()
    {
        var probes = Container["probes"]!.AsArray().Select(probe => probe!.AsObject()).ToDictionary(probe => String(probe["type"]));

        Assert.Equal(["Liveness", "Readiness", "Startup"], probes.Keys.Order());
        Assert.All(probes.Values, probe =>
        {
            Assert.Equal(8081, probe["httpGet"]!["port"]!.GetValue<int>());
            Assert.Equal("HTTP", String(probe["httpGet"]!["scheme"]));
        });
        Assert.Equal("/health", String(probes["Startup"]["httpGet"]!["path"]));
        Assert.Equal("/health", String(probes["Liveness"]["httpGet"]!["path"]));
        Assert.Equal(30, probes["Liveness"]["periodSeconds"]!.GetValue<int>());
        Assert.Equal("/health/ready", String(probes["Readiness"]["httpGet"]!["path"]));
        Assert.Equal(10, probes["Readiness"]["periodSeconds"]!.GetValue<int>());
    }

    [Fact]
    public void Replicas_scale_from_2_to_10_on_100_concurrent_requests_70_percent_cpu_and_80_percent_memory()
    {
        var scale = App["properties"]!["template"]!["scale"]!;
        var rules = scale["rules"]!.AsArray().Select(rule => rule!.AsObject()).ToList();

        Assert.Equal(2, scale["minReplicas"]!.GetValue<int>());
        Assert.Equal(10, scale["maxReplicas"]!.GetValue<int>());
        Assert.Equal(3, rules.Count);
        Assert.Contains(rules, rule => rule["http"]?["metadata"]?["concurrentRequests"]?.GetValue<string>() == "100");
        Assert.Contains(rules, rule => IsUtilizationRule(rule, "cpu", "70"));
        Assert.Contains(rules, rule => IsUtilizationRule(rule, "memory", "80"));
    }

    [Fact]
    public void Container_gets_half_a_cpu_and_1_gib_and_more_time_to_stop_than_the_backends_grace_period()
    {
        Assert.Equal("[json('0.5')]", String(Container["resources"]!["cpu"]));
        Assert.Equal("1Gi", String(Container["resources"]!["memory"]));
        Assert.True(App["properties"]!["template"]!["terminationGracePeriodSeconds"]!.GetValue<int>() > 25);
    }

    [Fact]
    public void App_runs_as_the_user_assigned_identity_and_pulls_its_image_with_it()
    {
        var identity = App["identity"]!;
        var registry = Assert.Single(App["properties"]!["configuration"]!["registries"]!.AsArray())!;

        Assert.Equal("UserAssigned", String(identity["type"]));
        Assert.Equal("[format('{0}', parameters('identityId'))]", Assert.Single(identity["userAssignedIdentities"]!.AsObject()).Key);
        Assert.Equal("[parameters('identityId')]", String(registry["identity"]));
        Assert.Null(registry["passwordSecretRef"]);
    }

    [Fact]
    public void Backend_believes_forwarded_certificates_only_from_the_ingress_subnet_and_checks_them_against_the_client_ca()
    {
        var environment = Environment();

        Assert.Equal("ForwardedClientCertificate", environment["Security__Mode"]);
        Assert.Equal("X-Forwarded-Client-Cert", environment["Security__ForwardedCertificate__Header"]);
        Assert.Equal("Envoy", environment["Security__ForwardedCertificate__Format"]);
        Assert.Equal("[parameters('trustedIngressNetwork')]", environment["Security__ForwardedCertificate__KnownNetworks__0"]);
        Assert.DoesNotContain("Security__ForwardedCertificate__KnownNetworks__1", environment.Keys);
        Assert.Equal("http://+:5000", environment["Kestrel__Endpoints__grpc__Url"]);
    }

    [Fact]
    public void Client_ca_is_a_container_apps_secret_mounted_where_the_backend_reads_it()
    {
        var secrets = String(App["properties"]!["configuration"]!["secrets"]);
        var volume = Assert.Single(App["properties"]!["template"]!["volumes"]!.AsArray())!;
        var mount = Assert.Single(Container["volumeMounts"]!.AsArray())!;
        var file = Assert.Single(volume["secrets"]!.AsArray())!;

        Assert.StartsWith("[concat(createArray(createObject('name', 'client-ca', 'value', parameters('clientCaCertificates')))", secrets);
        Assert.Equal("securestring", String(Template["parameters"]!["clientCaCertificates"]!["type"]));
        Assert.Equal("Secret", String(volume["storageType"]));
        Assert.Equal("client-ca", String(file["secretRef"]));
        Assert.Equal(String(volume["name"]), String(mount["volumeName"]));
        Assert.Equal(
            $"{String(mount["mountPath"])}/{String(file["path"])}",
            Environment()["Security__ClientCertificateAuthorityPath"]);
    }

    // The managed agent forwards no metrics: the process exports them itself with the component's connection string.
    [Fact]
    public void Connection_string_of_the_provisioned_application_insights_reaches_the_app_as_a_secret_backed_setting()
    {
        var component = Single(Template, "Microsoft.Insights/components");
        var secrets = String(App["properties"]!["configuration"]!["secrets"]);
        var telemetrySettings = String(Template["variables"]!["telemetrySettings"]);

        Assert.True(component["existing"]!.GetValue<bool>());
        Assert.Equal("[parameters('applicationInsightsName')]", String(component["name"]));
        Assert.Equal("[not(empty(parameters('applicationInsightsName')))]", String(component["condition"]));
        Assert.EndsWith(
            ", if(empty(parameters('applicationInsightsName')), createArray(), createArray(createObject('name', " +
            "'appinsights-connection-string', 'value', reference('applicationInsights').ConnectionString))))]",
            secrets);
        Assert.Equal(
            "[if(empty(parameters('applicationInsightsName')), createArray(), createArray(createObject('name', " +
            "'APPLICATIONINSIGHTS_CONNECTION_STRING', 'secretRef', 'appinsights-connection-string')))]",
            telemetrySettings);
        Assert.Contains("variables('telemetrySettings')", String(Container["env"]));
    }

    // Revocation is stated, never a default, and the CRL reaches every replica by URL without a redeploy.
    [Fact]
    public void Revocation_is_checked_against_the_crl_at_the_operators_url()
    {
        var environment = Environment();

        Assert.Equal("Crl", environment["Security__RevocationMode"]);
        Assert.Equal("[parameters('certificateRevocationListUrl')]", environment["Security__CertificateRevocationListUrls__0"]);
    }

    [Fact]
    public void The_audit_category_is_pinned_at_information()
    {
        Assert.Equal("Information", Environment()["Logging__LogLevel__Supacrypt.Audit"]);
    }

    [Fact]
    public void Backend_calls_key_vault_with_the_managed_identity_at_the_vault_uri_provisioning_created()
    {
        var environment = Environment();

        Assert.Equal("[parameters('keyVaultUri')]", environment["ConnectionStrings__keyvault"]);
        Assert.Equal("ManagedIdentity", environment["KeyVault__Credential"]);
        Assert.Equal("[parameters('identityClientId')]", environment["KeyVault__ManagedIdentityClientId"]);
    }

    // Callers come from the azd environment (SUPACRYPT_AUTHORIZED_CLIENTS) through the authorizedClients parameter.
    [Fact]
    public void Callers_are_a_required_parameter_turned_into_settings_never_literals_in_the_template()
    {
        var parameter = Template["parameters"]!["authorizedClients"]!;
        var function = Template["functions"]!.AsArray().Single()!["members"]!["authorizationEnvironment"]!;

        Assert.Equal("array", String(parameter["type"]));
        Assert.Null(parameter["defaultValue"]);
        Assert.Contains("SUPACRYPT_AUTHORIZED_CLIENTS", String(parameter["metadata"]!["description"]));
        Assert.Equal(
            "[concat(variables('settings'), variables('telemetrySettings'), __bicep.authorizationEnvironment(parameters('authorizedClients')))]",
            String(Container["env"]));
        Assert.Equal("authorized-clients.bicep", String(function["metadata"]!["__bicep_imported_from!"]!["sourceTemplate"]));
        Assert.DoesNotContain(Environment().Keys, name => name.StartsWith("Security__Authorization__", StringComparison.Ordinal));
        Assert.DoesNotContain("supacrypt-admin", Template.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Security__Authorization__Clients__0", Template.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Deploying_the_app_grants_nothing_roles_are_provisioned_before_it()
    {
        Assert.Empty(OfType(Template, "Microsoft.Authorization/roleAssignments"));
        Assert.Equal(
            ["Microsoft.App/containerApps"],
            AllResources(Template).Where(resource => resource["existing"]?.GetValue<bool>() != true).Select(Type));
    }

    private static bool IsUtilizationRule(JsonObject rule, string type, string value) =>
        rule["custom"]?["type"]?.GetValue<string>() == type &&
        rule["custom"]?["metadata"]?["type"]?.GetValue<string>() == "Utilization" &&
        rule["custom"]?["metadata"]?["value"]?.GetValue<string>() == value;

    // The settings besides the callers: a variable, so the compiled template keeps them as JSON.
    private Dictionary<string, string> Environment() =>
        Template["variables"]!["settings"]!.AsArray().ToDictionary(setting => String(setting!["name"]), setting => String(setting!["value"]));
}
