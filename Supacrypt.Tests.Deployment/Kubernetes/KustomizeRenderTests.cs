using k8s.Models;

namespace Supacrypt.Tests.Deployment.Kubernetes;

[Collection(KustomizeTestGroup.Name)]
public sealed class KustomizeRenderTests(KustomizeFixture fixture)
{
    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Every_overlay_renders_the_whole_application_as_strictly_typed_objects(string variant)
    {
        var rendered = fixture[variant];

        Assert.Equal("supacrypt", Assert.Single(rendered.All<V1Namespace>()).Metadata.Name);
        Assert.Contains(rendered.All<V1ServiceAccount>(), account => account.Metadata.Name == RenderedManifests.Backend);
        Assert.Equal(
            ["supacrypt-backend", "supacrypt-otel-collector"],
            rendered.All<V1Deployment>().Select(deployment => deployment.Metadata.Name).Where(name => name != "supacrypt-keyvault-emulator").Order());
        Assert.Contains(rendered.All<V1Service>(), service => service.Metadata.Name == RenderedManifests.Backend);
        Assert.Contains(rendered.All<V1Service>(), service => service.Metadata.Name == "supacrypt-otel-collector");
        Assert.Single(rendered.All<V2HorizontalPodAutoscaler>());
        Assert.Contains(rendered.All<V1NetworkPolicy>(), policy => policy.Metadata.Name == RenderedManifests.Backend);
        Assert.All(
            rendered.Objects.OfType<IMetadata<V1ObjectMeta>>().Where(item => item is not V1Namespace),
            item => Assert.Equal("supacrypt", item.Metadata.NamespaceProperty));
    }

    [Fact]
    public void Only_dev_runs_the_key_vault_emulator()
    {
        Assert.Contains(fixture[KustomizeFixture.Dev].All<V1Deployment>(), deployment => deployment.Metadata.Name == "supacrypt-keyvault-emulator");
        Assert.DoesNotContain(fixture[KustomizeFixture.Production].All<V1Deployment>(), deployment => deployment.Metadata.Name == "supacrypt-keyvault-emulator");
    }

    [Fact]
    public void The_optional_ingress_and_certificate_appear_only_with_their_components()
    {
        Assert.Empty(fixture[KustomizeFixture.Production].All<V1Ingress>());
        Assert.Empty(fixture[KustomizeFixture.Production].All<CertManagerCertificate>());
        Assert.Single(fixture[KustomizeFixture.ProductionWithIngressNginx].All<V1Ingress>());
        Assert.Single(fixture[KustomizeFixture.ProductionWithCertManager].All<CertManagerCertificate>());
    }

    [Fact]
    public void The_strict_loader_rejects_a_misspelt_field()
    {
        const string misspelt = """
            apiVersion: v1
            kind: Service
            metadata:
              name: supacrypt-backend
            spec:
              ports:
                - name: grpc
                  port: 5000
                  appProtocoll: https
            """;

        Assert.ThrowsAny<Exception>(() => RenderedManifests.Load("misspelt", misspelt));
    }

    // Why README and kubernetes.mk pass --load-restrictor: the collector's configuration is the repository's own file.
    [Fact]
    public async Task Kustomize_without_the_load_restrictor_flag_refuses_the_shared_collector_configuration()
    {
        var result = await Infrastructure.ExternalProcess.RunAsync(
            "kubectl", ["kustomize", Path.Combine(KustomizeFixture.KubernetesDirectory, "base")], null, TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("otel-collector-config.yaml", result.StandardError);
    }
}
