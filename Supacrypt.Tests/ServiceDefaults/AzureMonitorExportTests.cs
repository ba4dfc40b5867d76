using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Supacrypt.Tests.ServiceDefaults;

// Container Apps' managed agent carries traces and logs only, so metrics reach Azure Monitor only when the process
// exports them itself: ServiceDefaults adds the Azure Monitor exporter exactly when the connection string is set.
public sealed class AzureMonitorExportTests
{
    // Nothing listens there, and nothing is exported while the test runs: building the providers sends nothing.
    private const string ConnectionString =
        "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";

    [Fact]
    public async Task With_a_connection_string_traces_metrics_and_logs_go_to_the_azure_monitor_exporter()
    {
        var (app, azureMonitor) = Build(ConnectionString);
        await using var _ = app;

        Assert.NotEmpty(azureMonitor);
        Assert.NotNull(app.Services.GetService<MeterProvider>());
        Assert.NotNull(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Without_a_connection_string_nothing_of_azure_monitor_is_registered()
    {
        var (app, azureMonitor) = Build(connectionString: null);
        await using var _ = app;

        Assert.Empty(azureMonitor);
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    // The built host, and the services that came from the Azure Monitor packages.
    private static (WebApplication App, List<ServiceDescriptor> AzureMonitor) Build(string? connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] = connectionString;
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = null;
        builder.AddServiceDefaults();
        var azureMonitor = builder.Services
            .Where(descriptor => FromAzureMonitor(descriptor.ServiceType) || FromAzureMonitor(descriptor.ImplementationType))
            .ToList();
        return (builder.Build(), azureMonitor);
    }

    private static bool FromAzureMonitor(Type? type) =>
        type is not null && (type.Assembly.GetName().Name!.StartsWith("Azure.Monitor.", StringComparison.Ordinal) ||
            type.GenericTypeArguments.Any(FromAzureMonitor));
}
