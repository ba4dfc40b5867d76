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
    public void The_optional_gateways_and_certificate_appear_only_with_their_components()
    {
        Assert.Empty(fixture[KustomizeFixture.Production].Untyped);
        Assert.Empty(fixture[KustomizeFixture.Production].All<CertManagerCertificate>());
        Assert.Equal(["Gateway", "TLSRoute"], fixture[KustomizeFixture.ProductionWithGatewayPassthrough].Untyped.Select(document => document.Kind).Order());
        Assert.Equal(
            ["BackendTLSPolicy", "ClientTrafficPolicy", "EnvoyProxy", "GRPCRoute", "Gateway"],
            fixture[KustomizeFixture.ProductionWithEnvoyGateway].Untyped.Select(document => document.Kind).Order(StringComparer.Ordinal));
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

    // `kubectl apply -k`, Argo CD and Flux render with the default load restrictor: nothing may reach outside its root.
    [Fact]
    public async Task The_base_renders_in_place_with_the_default_load_restrictor()
    {
        var result = await KustomizeFixture.KustomizeAsync(Path.Combine(KustomizeFixture.KubernetesDirectory, "base"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("supacrypt-otel-collector", result.StandardOutput);
    }

    // One source of truth for the collector: the Kubernetes copy inside the base is the repository's file, byte for byte.
    [Fact]
    public void The_kubernetes_collector_configuration_is_the_repository_one()
    {
        Assert.Equal(
            RepositoryFiles.Read("otel-collector-config.yaml"),
            RepositoryFiles.Read("deploy/kubernetes/base/otel-collector/config.yaml"));
    }

    // Every apply would otherwise reset a backend the autoscaler scaled out.
    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void No_deployment_an_autoscaler_scales_sets_its_own_replica_count(string variant)
    {
        var rendered = fixture[variant];
        var scaled = rendered.All<V2HorizontalPodAutoscaler>().Select(autoscaler => autoscaler.Spec.ScaleTargetRef).ToList();

        Assert.NotEmpty(scaled);
        Assert.All(scaled, target => Assert.Null(rendered.Deployment(target.Name).Spec.Replicas));
    }
}
