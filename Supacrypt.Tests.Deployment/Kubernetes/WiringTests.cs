using k8s.Models;
using static Supacrypt.Tests.Deployment.Kubernetes.Selection;
using HealthEndpoints = Microsoft.Extensions.Hosting.Extensions;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// The rendered objects point at each other and at what the backend really serves: probes, Services, selectors,
// the autoscaler and the disruption budget.
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
            Assert.Empty(rendered.All<V1PodDisruptionBudget>());
            return;
        }

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
}
