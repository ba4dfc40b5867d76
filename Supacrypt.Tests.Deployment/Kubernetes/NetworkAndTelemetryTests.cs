using k8s.Models;
using static Supacrypt.Tests.Deployment.Kubernetes.Selection;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// Who may talk to whom: the backend's network policy, and its telemetry path to the collector.
[Collection(KustomizeTestGroup.Name)]
public sealed class NetworkAndTelemetryTests(KustomizeFixture fixture)
{
    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Backend_network_policy_admits_grpc_and_health_only_from_their_callers(string variant)
    {
        var rendered = fixture[variant];
        var policy = rendered.All<V1NetworkPolicy>().Single(item => item.Metadata.Name == RenderedManifests.Backend);
        var backend = rendered.Deployment(RenderedManifests.Backend);

        Assert.True(Selects(policy.Spec.PodSelector.MatchLabels, backend.Spec.Template.Metadata.Labels));
        Assert.Equal(["Egress", "Ingress"], policy.Spec.PolicyTypes.Order());
        Assert.All(policy.Spec.Ingress, rule => Assert.NotEmpty(rule.FromProperty));
        Assert.Equal([5000, 8081], policy.Spec.Ingress.SelectMany(rule => rule.Ports).Select(port => int.Parse(port.Port.Value)).Distinct().Order());
        var expected = variant switch
        {
            KustomizeFixture.ProductionWithEnvoyGateway => [("kubernetes.io/metadata.name", "envoy-gateway-system")],
            KustomizeFixture.ProductionWithGatewayPassthrough => [("supacrypt.io/client", "true"), ("supacrypt.io/gateway", "true")],
            _ => new[] { ("supacrypt.io/client", "true") },
        };
        Assert.Equal(expected, policy.Spec.Ingress.Where(rule => rule.Ports.Any(port => port.Port.Value == "5000")).Select(rule => SingleLabel(Assert.Single(rule.FromProperty).NamespaceSelector)));
        var healthCallers = policy.Spec.Ingress.Single(rule => rule.Ports.Any(port => port.Port.Value == "8081")).FromProperty;
        Assert.Equal(("supacrypt.io/monitoring", "true"), SingleLabel(Assert.Single(healthCallers).NamespaceSelector));

        var egressPorts = policy.Spec.Egress.SelectMany(rule => rule.Ports).Select(port => $"{port.Protocol}/{port.Port.Value}").Order().ToList();
        var expectedEgress = new List<string> { "TCP/443", "TCP/4317", "TCP/53", "UDP/53" };
        if (variant == KustomizeFixture.Dev)
        {
            expectedEgress.Add("TCP/8080");
        }

        Assert.Equal(expectedEgress.Order(), egressPorts);
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Backend_exports_telemetry_to_the_collector_it_may_reach(string variant)
    {
        var rendered = fixture[variant];
        var endpoint = new Uri(rendered.Environment(rendered.BackendContainerSpec)["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var service = rendered.All<V1Service>().Single(item => item.Metadata.Name == endpoint.Host);
        var port = service.Spec.Ports.Single(item => item.Port == endpoint.Port);
        var collector = rendered.Deployment("supacrypt-otel-collector");
        var policy = rendered.All<V1NetworkPolicy>().Single(item => item.Metadata.Name == RenderedManifests.Backend);

        Assert.Equal("otlp-grpc", port.Name);
        Assert.Equal("grpc", rendered.Environment(rendered.BackendContainerSpec)["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.True(Selects(service.Spec.Selector, collector.Spec.Template.Metadata.Labels));
        Assert.Contains(policy.Spec.Egress, rule =>
            rule.To?.Any(peer => peer.PodSelector is { } selector && Selects(selector.MatchLabels, collector.Spec.Template.Metadata.Labels)) is true &&
            rule.Ports.Any(item => item.Port.Value == endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Collector_runs_the_repository_configuration_and_serves_prometheus_on_8888(string variant)
    {
        var rendered = fixture[variant];
        var collector = rendered.Deployment("supacrypt-otel-collector");
        var container = Assert.Single(collector.Spec.Template.Spec.Containers);
        var volume = collector.Spec.Template.Spec.Volumes.Single(item => item.ConfigMap is not null);
        var mount = container.VolumeMounts.Single(item => item.Name == volume.Name);
        var configMap = rendered.ConfigMap(volume.ConfigMap.Name);
        var item = Assert.Single(volume.ConfigMap.Items);

        Assert.Equal(File.ReadAllText(Path.Combine(KustomizeFixture.RepositoryRoot, "otel-collector-config.yaml")), configMap.Data[item.Key]);
        Assert.Contains($"--config={mount.MountPath}/{item.Path}", container.Args);
        Assert.Equal(8888, rendered.All<V1Service>().Single(service => service.Metadata.Name == "supacrypt-otel-collector").Spec.Ports.Single(port => port.Name == "metrics").Port);
        Assert.Contains("0.0.0.0:8888", configMap.Data[item.Key]);
        Assert.Contains("0.0.0.0:4317", configMap.Data[item.Key]);
    }
}
