using k8s.Models;
using HealthEndpoints = Microsoft.Extensions.Hosting.Extensions;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// The rendered objects point at each other and at what the backend really serves: probes, Services, selectors,
// the autoscaler, the disruption budget, network policies and the collector.
[Collection(KustomizeTestGroup.Name)]
public sealed class WiringTests(KustomizeFixture fixture)
{
    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Backend_probes_ask_the_paths_and_the_port_the_backend_serves_health_on(string variant)
    {
        var rendered = fixture[variant];
        var container = rendered.BackendContainerSpec;
        var configuration = BackendConfiguration.For(rendered.Environment(container));
        var health = configuration.EndpointUrl("http");

        Assert.Equal("Http1", configuration.EndpointProtocols("http"));
        Assert.Equal(HealthEndpoints.LivenessEndpointPath, container.StartupProbe.HttpGet.Path);
        Assert.Equal(HealthEndpoints.LivenessEndpointPath, container.LivenessProbe.HttpGet.Path);
        Assert.Equal(HealthEndpoints.ReadinessEndpointPath, container.ReadinessProbe.HttpGet.Path);
        foreach (var probe in new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe })
        {
            Assert.Equal(health.Port, ContainerPort(container, probe.HttpGet.Port));
            Assert.True(probe.HttpGet.Scheme is null or "HTTP", $"{variant}: the health endpoint speaks plain HTTP/1.1.");
        }
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Container_ports_are_the_ports_kestrel_listens_on(string variant)
    {
        var rendered = fixture[variant];
        var container = rendered.BackendContainerSpec;
        var configuration = BackendConfiguration.For(rendered.Environment(container));

        Assert.Equal(configuration.EndpointUrl("grpc").Port, ContainerPort(container, "grpc"));
        Assert.Equal(configuration.EndpointUrl("http").Port, ContainerPort(container, "http"));
        Assert.Equal("Http2", configuration.EndpointProtocols("grpc"));
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Every_service_selects_one_deployments_pods_and_targets_ports_they_declare(string variant)
    {
        var rendered = fixture[variant];
        foreach (var service in rendered.All<V1Service>())
        {
            var selected = rendered.All<V1Deployment>().Where(deployment => Selects(service.Spec.Selector, deployment.Spec.Template.Metadata.Labels)).ToList();
            var deployment = Assert.Single(selected);
            Assert.True(Selects(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels), $"{deployment.Metadata.Name}'s selector misses its own pods.");
            var containers = deployment.Spec.Template.Spec.Containers;
            foreach (var port in service.Spec.Ports)
            {
                Assert.True(containers.Any(container => ContainerPort(container, port.TargetPort) is not null), $"{variant}: {service.Metadata.Name}:{port.Name} targets {port.TargetPort.Value}, which no container declares.");
                Assert.False(string.IsNullOrEmpty(port.AppProtocol), $"{variant}: {service.Metadata.Name}:{port.Name} leaves the protocol to guesswork.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Backend_service_exposes_only_grpc_and_keeps_it_on_http2(string variant)
    {
        var rendered = fixture[variant];
        var port = Assert.Single(rendered.All<V1Service>().Single(service => service.Metadata.Name == RenderedManifests.Backend).Spec.Ports);
        var grpc = BackendConfiguration.For(rendered.Environment(rendered.BackendContainerSpec)).EndpointUrl("grpc");

        Assert.Equal("ClusterIP", rendered.All<V1Service>().Single(service => service.Metadata.Name == RenderedManifests.Backend).Spec.Type);
        Assert.Equal(("grpc", 5000), (port.Name, port.Port));
        // TLS ends in the pod (h2 by ALPN): proxies pass it through. Plaintext is h2c, HTTP/2 with prior knowledge.
        Assert.Equal(grpc.IsTls ? "https" : "kubernetes.io/h2c", port.AppProtocol);
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Autoscaler_and_disruption_budget_govern_the_backend_deployment(string variant)
    {
        var rendered = fixture[variant];
        var backend = rendered.Deployment(RenderedManifests.Backend);
        var autoscaler = Assert.Single(rendered.All<V2HorizontalPodAutoscaler>());

        Assert.Equal(("apps/v1", "Deployment", RenderedManifests.Backend), (autoscaler.Spec.ScaleTargetRef.ApiVersion, autoscaler.Spec.ScaleTargetRef.Kind, autoscaler.Spec.ScaleTargetRef.Name));
        Assert.Equal(
            [("cpu", 70), ("memory", 80)],
            autoscaler.Spec.Metrics.Select(metric => (metric.Resource.Name, metric.Resource.Target.AverageUtilization ?? 0)));
        Assert.Equal("0", backend.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);

        if (variant == KustomizeFixture.Dev)
        {
            Assert.Equal(1, backend.Spec.Replicas);
            Assert.Empty(rendered.All<V1PodDisruptionBudget>());
            return;
        }

        Assert.Equal(2, backend.Spec.Replicas);
        Assert.Equal((2, 10), (autoscaler.Spec.MinReplicas, autoscaler.Spec.MaxReplicas));
        var budget = Assert.Single(rendered.All<V1PodDisruptionBudget>());
        Assert.Equal("1", budget.Spec.MinAvailable.Value);
        Assert.True(Selects(budget.Spec.Selector.MatchLabels, backend.Spec.Template.Metadata.Labels));
        Assert.Contains(backend.Spec.Template.Spec.TopologySpreadConstraints, constraint => constraint.TopologyKey == "kubernetes.io/hostname");
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Backend_drains_within_its_termination_grace_period(string variant)
    {
        var rendered = fixture[variant];
        var pod = rendered.Deployment(RenderedManifests.Backend).Spec.Template.Spec;
        var drain = TimeSpan.Parse(rendered.Environment(rendered.BackendContainerSpec)["Supacrypt__ShutdownGracePeriod"], System.Globalization.CultureInfo.InvariantCulture);
        var preStop = TimeSpan.FromSeconds(rendered.BackendContainerSpec.Lifecycle?.PreStop?.Sleep?.Seconds ?? 0);

        Assert.True(TimeSpan.FromSeconds(pod.TerminationGracePeriodSeconds ?? 30) > preStop + drain, $"{variant}: {pod.TerminationGracePeriodSeconds} s do not cover {preStop} + {drain}.");
    }

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
        Assert.Equal([5000, 8081], policy.Spec.Ingress.SelectMany(rule => rule.Ports).Select(port => int.Parse(port.Port.Value)).Order());
        var grpcCallers = policy.Spec.Ingress.Single(rule => rule.Ports.Any(port => port.Port.Value == "5000")).FromProperty;
        var expected = variant == KustomizeFixture.ProductionWithIngressNginx
            ? ("kubernetes.io/metadata.name", "ingress-nginx")
            : ("supacrypt.io/client", "true");
        Assert.Equal(expected, SingleLabel(Assert.Single(grpcCallers).NamespaceSelector));
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

    private static (string, string) SingleLabel(V1LabelSelector selector)
    {
        var label = Assert.Single(selector.MatchLabels);
        return (label.Key, label.Value);
    }

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string> labels) =>
        selector is { Count: > 0 } && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static int? ContainerPort(V1Container container, IntOrString port) =>
        int.TryParse(port.Value, out var number)
            ? container.Ports?.Any(item => item.ContainerPort == number) is true ? number : null
            : container.Ports?.SingleOrDefault(item => item.Name == port.Value)?.ContainerPort;
}
