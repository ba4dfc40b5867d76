using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

// Cross-cutting defaults shared by every Supacrypt service: OpenTelemetry, health checks, service discovery and
// HttpClient resilience. Shaped like Aspire's service-defaults template; see https://aka.ms/dotnet/aspire/service-defaults
public static class Extensions
{
    public const string LivenessEndpointPath = "/health";
    public const string ReadinessEndpointPath = "/health/ready";
    public const string LiveTag = "live";

    // The Kestrel endpoint that serves HTTP/1.1 health probes; the gRPC endpoint never serves them.
    private const string HealthKestrelEndpointName = "http";

    private const string GrpcServerInstrumentationFlag = "OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_ENABLE_GRPC_INSTRUMENTATION";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureOpenTelemetry();

        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();

        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // gRPC server calls get rpc.* attributes and the gRPC method as span name. The instrumentation reads this
        // flag from configuration only; an explicit setting (e.g. an environment variable) wins.
        if (builder.Configuration[GrpcServerInstrumentationFlag] is null)
        {
            builder.Configuration.AddInMemoryCollection([new(GrpcServerInstrumentationFlag, "true")]);
        }

        builder.AddConsoleLogFormat();

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                // The service's own meter, named after it like its activity source.
                .AddMeter(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                // Each Key Vault request is HttpClient's span. Azure.Core's own request span (its activity sources
                // are off by default) described the same attempt a second time, for 5–13 µs and 2 KB per call.
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    // Probes arrive every few seconds and would drown real traffic.
                    aspNetCore.Filter = context => !IsHealthRequest(context.Request.Path))
                .AddHttpClientInstrumentation());

        builder.AddOpenTelemetryExporters();

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddHealthChecks()
            // The process answers: enough for liveness. Dependencies belong to readiness, never to liveness,
            // or an outage of Key Vault would make the orchestrator restart healthy pods.
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        return builder;
    }

    // Maps the probes in every environment: containers and orchestrators need them. When the service configures a
    // Kestrel endpoint named "http", the probes answer only on that endpoint's port; a service with a single endpoint
    // answers them there.
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        var healthPort = FindHealthEndpointPort(app.Configuration);

        app.MapHealthChecks(LivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
        }).OnlyOnPort(healthPort);

        app.MapHealthChecks(ReadinessEndpointPath).OnlyOnPort(healthPort);

        return app;
    }

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        // Container Apps' managed agent forwards only traces and logs to Application Insights; the Azure Monitor
        // exporter sends metrics too, straight from the process.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            builder.Services.AddOpenTelemetry().UseAzureMonitor();
        }

        return builder;
    }

    private static bool IsHealthRequest(PathString path) => path.StartsWithSegments(LivenessEndpointPath);

    private static int? FindHealthEndpointPort(IConfiguration configuration)
    {
        var url = configuration[$"Kestrel:Endpoints:{HealthKestrelEndpointName}:Url"];
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        // BindingAddress understands Kestrel's wildcard hosts ("http://+:8081", "http://*:8081").
        var port = BindingAddress.Parse(url).Port;

        // Port 0 asks the OS for any free port; which one is only known after start-up, so no filter applies.
        return port > 0 ? port : null;
    }

    private static void OnlyOnPort(this IEndpointConventionBuilder endpoint, int? port)
    {
        if (port is not { } healthPort)
        {
            return;
        }

        // RequireHost would compare the Host header, which carries the port of whatever proxy the probe passed
        // through (Aspire's, a Kubernetes Service). The local port of the connection is what identifies the endpoint.
        endpoint.Add(builder =>
        {
            var next = builder.RequestDelegate!;
            builder.RequestDelegate = context => ArrivedOnPort(context, healthPort) ? next(context) : NotFound(context);
        });
    }

    // An in-memory test server (WebApplicationFactory) has no socket and so no local address: it is not a network
    // endpoint, and its requests are served.
    private static bool ArrivedOnPort(HttpContext context, int port) =>
        context.Connection.LocalIpAddress is null || context.Connection.LocalPort == port;

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
