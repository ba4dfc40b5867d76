namespace Supacrypt.AppHost;

internal static class OpenTelemetryCollectorExtensions
{
    private const string Image = "otel/opentelemetry-collector-contrib";
    private const string Tag = "0.114.0";
    private const string OtlpGrpcEndpoint = "otlp-grpc";

    // The collector receives OTLP from the services and exposes what it gathers (see the config file).
    public static IResourceBuilder<ContainerResource> AddOpenTelemetryCollector(
        this IDistributedApplicationBuilder builder, string name, string configFile)
    {
        return builder.AddContainer(name, Image, Tag)
            .WithBindMount(configFile, "/etc/otelcol-contrib/config.yaml", isReadOnly: true)
            .WithEndpoint(targetPort: 4317, name: OtlpGrpcEndpoint, scheme: "http")
            .WithEndpoint(OtlpGrpcEndpoint, otlp => otlp.Transport = "http2")
            .WithHttpEndpoint(targetPort: 4318, name: "otlp-http")
            .WithHttpEndpoint(targetPort: 8888, name: "metrics");
    }

    // Points a service's OTLP exporter at the collector instead of the Aspire dashboard.
    public static IResourceBuilder<T> WithOtlpExporterTo<T>(this IResourceBuilder<T> service, IResourceBuilder<ContainerResource> collector)
        where T : IResourceWithEnvironment =>
        service
            .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", collector.GetEndpoint(OtlpGrpcEndpoint))
            .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
            .WithReferenceRelationship(collector);
}
