using k8s.Models;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// What each overlay and component is for: dev talks to the emulator over the development PKI, production to Azure Key
// Vault with workload identity, cert-manager renews the server certificate,
// a Gateway passes TLS through or (Envoy Gateway) forwards verified client certificates over its own mutual TLS hop.
[Collection(KustomizeTestGroup.Name)]
public sealed class OverlayTests(KustomizeFixture fixture)
{
    [Fact]
    public void Dev_reaches_the_emulator_service_over_tls_it_trusts_through_the_development_ca()
    {
        var rendered = fixture[KustomizeFixture.Dev];
        var environment = rendered.Environment(rendered.BackendContainerSpec);
        var vault = new Uri(environment["ConnectionStrings__keyvault"]);
        var service = rendered.All<V1Service>().Single(item => item.Metadata.Name == vault.Host);
        var emulator = rendered.Deployment("supacrypt-keyvault-emulator");
        var emulatorEnvironment = rendered.Environment(emulator.Spec.Template.Spec.Containers.Single());

        Assert.Equal("https", vault.Scheme);
        Assert.Contains(service.Spec.Ports, port => port.Port == vault.Port);
        Assert.Equal(vault.Port, KestrelUrl.Parse(emulatorEnvironment["Kestrel__Endpoints__https__Url"]).Port);
        Assert.Equal("false", emulatorEnvironment["Emulator__RequireAuthentication"]);
        Assert.Equal("None", environment["KeyVault__Credential"]);
        Assert.Equal("Development", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("MutualTls", environment["Security__Mode"]);
        Assert.Equal(environment["Security__ClientCertificateAuthorityPath"], environment["SSL_CERT_FILE"]);
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.ProductionVariants), MemberType = typeof(KustomizeFixture))]
    public void Production_reaches_azure_key_vault_with_workload_identity(string variant)
    {
        var rendered = fixture[variant];
        var environment = rendered.Environment(rendered.BackendContainerSpec);
        var pod = rendered.Deployment(RenderedManifests.Backend).Spec.Template;
        var account = rendered.All<V1ServiceAccount>().Single(item => item.Metadata.Name == pod.Spec.ServiceAccountName);

        Assert.Equal("WorkloadIdentity", environment["KeyVault__Credential"]);
        Assert.Matches(@"^https://[a-z0-9-]+\.vault\.azure\.net/$", environment["ConnectionStrings__keyvault"]);
        Assert.True(Guid.TryParse(account.Metadata.Annotations["azure.workload.identity/client-id"], out _));
        Assert.Equal("true", pod.Metadata.Labels["azure.workload.identity/use"]);
        Assert.False(account.AutomountServiceAccountToken);
        Assert.False(environment.ContainsKey("ASPNETCORE_ENVIRONMENT"), "Production runs in the host's default environment, Production.");
    }

    [Fact]
    public void Cert_manager_issues_the_server_certificate_the_backend_mounts_for_its_service_names()
    {
        var rendered = fixture[KustomizeFixture.ProductionWithCertManager];
        var certificate = Assert.Single(rendered.All<CertManagerCertificate>());
        var service = rendered.All<V1Service>().Single(item => item.Metadata.Name == RenderedManifests.Backend);

        Assert.DoesNotContain(rendered.All<V1Secret>(), secret => secret.Metadata.Name == certificate.Spec.SecretName);
        Assert.Contains(
            rendered.Deployment(RenderedManifests.Backend).Spec.Template.Spec.Volumes.Single(volume => volume.Name == "certs").Projected.Sources,
            source => source.Secret.Name == certificate.Spec.SecretName);
        Assert.Equal(
            [service.Metadata.Name, $"{service.Metadata.Name}.supacrypt.svc", $"{service.Metadata.Name}.supacrypt.svc.cluster.local"],
            certificate.Spec.DnsNames);
        Assert.Contains("server auth", certificate.Spec.Usages);
        Assert.Equal("Always", certificate.Spec.PrivateKey?.RotationPolicy);
    }

    [Fact]
    public void Gateway_passthrough_routes_tls_by_name_to_the_pods_that_end_mutual_tls_themselves()
    {
        var rendered = fixture[KustomizeFixture.ProductionWithGatewayPassthrough];
        var environment = rendered.Environment(rendered.BackendContainerSpec);
        var gateway = rendered.Document("Gateway", "supacrypt");
        var route = rendered.Document("TLSRoute", RenderedManifests.Backend);
        var service = rendered.All<V1Service>().Single(item => item.Metadata.Name == RenderedManifests.Backend);

        Assert.Equal(("TLS", "Passthrough"), (gateway.At("spec.listeners.0.protocol"), gateway.At("spec.listeners.0.tls.mode")));
        Assert.Equal((gateway.Name, gateway.At("spec.listeners.0.name")), (route.At("spec.parentRefs.0.name"), route.At("spec.parentRefs.0.sectionName")));
        Assert.Equal(gateway.At("spec.listeners.0.hostname"), route.At("spec.hostnames.0"));
        Assert.Equal(service.Metadata.Name, route.At("spec.rules.0.backendRefs.0.name"));
        Assert.Contains(service.Spec.Ports, port => port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) == route.At("spec.rules.0.backendRefs.0.port"));
        Assert.Equal("MutualTls", environment["Security__Mode"]);
        Assert.True(KestrelUrl.Parse(environment["Kestrel__Endpoints__grpc__Url"]).IsTls);
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("Security__ForwardedCertificate__", StringComparison.Ordinal));
    }

    [Fact]
    public void Envoy_gateway_forwards_verified_certificates_over_mutual_tls_with_its_own_certificate_the_backend_pins()
    {
        var rendered = fixture[KustomizeFixture.ProductionWithEnvoyGateway];
        var environment = rendered.Environment(rendered.BackendContainerSpec);
        var gateway = rendered.Document("Gateway", "supacrypt");
        var proxy = rendered.Document("EnvoyProxy", gateway.At("spec.infrastructure.parametersRef.name"));
        var clients = rendered.Document("ClientTrafficPolicy", "supacrypt-client-certificates");
        var backendTls = rendered.Document("BackendTLSPolicy", RenderedManifests.Backend);
        var gatewayCertificate = Assert.Single(rendered.All<CertManagerCertificate>(), item => item.Spec.SecretName == proxy.At("spec.backendTLS.clientCertificateRef.name"));
        var mount = rendered.BackendContainerSpec.VolumeMounts.Single(item => item.Name == "certs").MountPath;
        var proxyCa = rendered.Deployment(RenderedManifests.Backend).Spec.Template.Spec.Volumes.Single(volume => volume.Name == "certs").Projected.Sources
            .Single(source => source.Secret?.Name == gatewayCertificate.Spec.SecretName).Secret.Items.Single();

        Assert.Equal(("HTTPS", "Terminate"), (gateway.At("spec.listeners.0.protocol"), gateway.At("spec.listeners.0.tls.mode")));
        Assert.Equal("supacrypt-client-ca", clients.At("spec.tls.clientValidation.caCertificateRefs.0.name"));
        Assert.Equal(("SanitizeSet", "Cert"), (clients.At("spec.headers.xForwardedClientCert.mode"), clients.At("spec.headers.xForwardedClientCert.certDetailsToAdd.0")));
        Assert.Equal(RenderedManifests.Backend, backendTls.At("spec.targetRefs.0.name"));
        Assert.Equal("ForwardedClientCertificate", environment["Security__Mode"]);
        Assert.Equal(("X-Forwarded-Client-Cert", "Envoy"), (environment["Security__ForwardedCertificate__Header"], environment["Security__ForwardedCertificate__Format"]));
        Assert.True(KestrelUrl.Parse(environment["Kestrel__Endpoints__grpc__Url"]).IsTls, "The hop from the gateway is mutual TLS.");
        Assert.Equal(("ca.crt", $"{mount}/{proxyCa.Path}"), (proxyCa.Key, environment["Security__ForwardedCertificate__ProxyCertificateAuthorityPath"]));
        Assert.Equal($"CN={gatewayCertificate.Spec.CommonName}", environment["Security__ForwardedCertificate__ProxySubjects__0"]);
        Assert.Contains("client auth", gatewayCertificate.Spec.Usages);
    }
}
