using Microsoft.Extensions.Configuration;

namespace Supacrypt.AppHost;

internal static class OpenTelemetryCollectorExtensions
{
    private const string Image = "otel/opentelemetry-collector-contrib";
    private const string Tag = "0.158.0";

    // The multi-architecture index digest of the tag, so amd64 and arm64 hosts run the same release; compose and
    // Kubernetes pin the same reference (a deployment test holds the three equal).
    private const string Digest = "c5918f78992ee73b0d6f0e599423ac5ec52dd5d9726733114d6eca53d5a32ed5";
    private const string OtlpGrpcEndpoint = "otlp-grpc";

    // Where Docker and Podman let a container reach a port the host's loopback serves (the dashboard's OTLP port).
    private const string ContainerHostName = "host.docker.internal";

    // The collector receives OTLP from the services, serves their metrics to Prometheus and forwards traces and
    // logs to the dashboard: the same config file as compose and Kubernetes, with the dashboard as its OTLP target.
    public static IResourceBuilder<ContainerResource> AddOpenTelemetryCollector(
        this IDistributedApplicationBuilder builder, string name, string configFile)
    {
        var collector = builder.AddContainer(name, Image, Tag)
            .WithImageSHA256(Digest)
            .WithBindMount(configFile, "/etc/otelcol-contrib/config.yaml", isReadOnly: true)
            .WithEndpoint(targetPort: 4317, name: OtlpGrpcEndpoint, scheme: "http")
            .WithEndpoint(OtlpGrpcEndpoint, otlp => otlp.Transport = "http2")
            .WithHttpEndpoint(targetPort: 4318, name: "otlp-http")
            .WithHttpEndpoint(targetPort: 8888, name: "metrics")
            .WithHttpEndpoint(targetPort: 13133, name: "health")
            .WithHttpHealthCheck("/", endpointName: "health");

        if (builder.Configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] is { Length: > 0 } dashboard)
        {
            collector.WithEnvironment("OTEL_COLLECTOR_FORWARD_EXPORTER", "otlp_grpc")
                .WithEnvironment("OTEL_COLLECTOR_OTLP_ENDPOINT", ReachableFromContainer(dashboard))
                .WithEnvironment("OTEL_COLLECTOR_OTLP_INSECURE", dashboard.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "true" : "false")
                // The dashboard accepts OTLP only with the AppHost's key, unless it runs unsecured.
                .WithEnvironment("OTEL_COLLECTOR_OTLP_API_KEY", builder.Configuration["AppHost:OtlpApiKey"] ?? "");
        }

        return collector;
    }

    // Points a service's OTLP exporter at the collector instead of the Aspire dashboard.
    public static IResourceBuilder<T> WithOtlpExporterTo<T>(this IResourceBuilder<T> service, IResourceBuilder<ContainerResource> collector)
        where T : IResourceWithEnvironment =>
        service
            .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", collector.GetEndpoint(OtlpGrpcEndpoint))
            .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
            .WithReferenceRelationship(collector);

    private static string ReachableFromContainer(string url)
    {
        var uri = new UriBuilder(url);
        if (uri.Host is "localhost" or "127.0.0.1" or "[::1]")
        {
            uri.Host = ContainerHostName;
        }

        return uri.Uri.ToString().TrimEnd('/');
    }
}
