using k8s.Models;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// What each overlay and component is for: dev talks to the emulator over the development PKI, production to Azure Key
// Vault with workload identity, cert-manager renews the server certificate, ingress-nginx forwards client certificates.
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
    public void Ingress_nginx_forwards_verified_client_certificates_to_an_h2c_backend_that_trusts_only_its_network()
    {
        var rendered = fixture[KustomizeFixture.ProductionWithIngressNginx];
        var environment = rendered.Environment(rendered.BackendContainerSpec);
        var ingress = Assert.Single(rendered.All<V1Ingress>());
        var annotations = ingress.Metadata.Annotations;
        var backendService = ingress.Spec.Rules.Single().Http.Paths.Single().Backend.Service;
        var caSecret = annotations["nginx.ingress.kubernetes.io/auth-tls-secret"].Split('/');

        Assert.Equal("ForwardedClientCertificate", environment["Security__Mode"]);
        Assert.Equal("ssl-client-cert", environment["Security__ForwardedCertificate__Header"]);
        Assert.Equal("Nginx", environment["Security__ForwardedCertificate__Format"]);
        Assert.True(System.Net.IPNetwork.TryParse(environment["Security__ForwardedCertificate__KnownNetworks__0"], out _));
        Assert.False(KestrelUrl.Parse(environment["Kestrel__Endpoints__grpc__Url"]).IsTls);
        Assert.Equal("GRPC", annotations["nginx.ingress.kubernetes.io/backend-protocol"]);
        Assert.Equal("on", annotations["nginx.ingress.kubernetes.io/auth-tls-verify-client"]);
        Assert.Equal("true", annotations["nginx.ingress.kubernetes.io/auth-tls-pass-certificate-to-upstream"]);
        Assert.Equal(("supacrypt", "supacrypt-client-ca"), (caSecret[0], caSecret[1]));
        Assert.Contains(rendered.All<V1Secret>(), secret => secret.Metadata.Name == caSecret[1] && secret.Data.ContainsKey("ca.crt"));
        Assert.Equal((RenderedManifests.Backend, "grpc"), (backendService.Name, backendService.Port.Name));
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.NotEmpty(ingress.Spec.Tls.Single().SecretName);
    }
}
