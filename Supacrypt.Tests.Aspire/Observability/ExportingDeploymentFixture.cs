using System.Reflection;
using System.Text.Json;
using Grpc.Net.Client;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Observability;

/// <summary>
/// The standalone Aspire dashboard, the emulator and the backend as real processes, as a deployment runs them: the
/// services in Production export over OTLP/gRPC to the dashboard, which serves what it received as JSON.
/// </summary>
public sealed class ExportingDeploymentFixture : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<ExternalProcess> _processes = [];
    private GrpcChannel? _channel;

    public Uri DashboardUri { get; private set; } = null!;

    public ExternalProcess Backend { get; private set; } = null!;

    public SupacryptService.SupacryptServiceClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var dashboard = Track(ExternalProcess.Start(DashboardPath(), [], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = "http://127.0.0.1:0",
            ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = "http://127.0.0.1:0",
            ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
        }));
        DashboardUri = await dashboard.WaitForOutputAsync(line => ListeningOn(line, "Now listening on: "), StartTimeout);
        var otlp = await dashboard.WaitForOutputAsync(line => ListeningOn(line, "OTLP/gRPC listening on: "), StartTimeout);

        var vaultPort = BackendFixture.FreePort();
        var emulator = Track(StartService("Supacrypt.KeyVaultEmulator", Exporting(otlp, "keyvault-emulator", new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{vaultPort}",
            ["Emulator__RequireAuthentication"] = "false",
        })));
        var vaultUri = new Uri($"http://127.0.0.1:{vaultPort}/");
        await WaitUntilAnswersAsync(new Uri(vaultUri, "health"), emulator);

        var (grpcPort, healthPort) = (BackendFixture.FreePort(), BackendFixture.FreePort());
        var settings = BackendFixture.BackendSettings(vaultUri, grpcPort, healthPort)
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value!);
        Backend = Track(StartService("Supacrypt.Backend", Exporting(otlp, "backend", settings)));
        await WaitUntilAnswersAsync(new Uri($"http://127.0.0.1:{healthPort}/health/ready"), Backend);

        _channel = TestCertificates.Shared.CreateChannel(new Uri($"https://127.0.0.1:{grpcPort}"), TestCertificates.Shared.Client);
        Client = new SupacryptService.SupacryptServiceClient(_channel);
    }

    /// <summary>The spans the dashboard holds for a trace, as its telemetry API serves them (OTLP JSON).</summary>
    public async Task<IReadOnlyList<DashboardSpan>> TraceAsync(string traceId)
    {
        // The listing of all traces is capped; the trace's own address returns all of its spans.
        using var response = await _http.GetAsync(new Uri(DashboardUri, $"api/telemetry/traces/{traceId}"));
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        using var document = JsonDocument.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
        var spans = new List<DashboardSpan>();
        foreach (var resourceSpans in document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = resourceSpans.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .Where(attribute => attribute.GetProperty("key").GetString() == "service.name")
                .Select(attribute => attribute.GetProperty("value").GetProperty("stringValue").GetString())
                .FirstOrDefault() ?? "";
            foreach (var scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                var scope = scopeSpans.GetProperty("scope").TryGetProperty("name", out var name) ? name.GetString() ?? "" : "";
                spans.AddRange(scopeSpans.GetProperty("spans").EnumerateArray()
                    .Where(span => string.Equals(span.GetProperty("traceId").GetString(), traceId, StringComparison.OrdinalIgnoreCase))
                    .Select(span => new DashboardSpan(
                        service,
                        scope,
                        span.GetProperty("name").GetString() ?? "",
                        span.GetProperty("spanId").GetString() ?? "",
                        span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() ?? "" : "",
                        span.GetRawText())));
            }
        }

        return spans;
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        _http.Dispose();
    }

    public void Dispose()
    {
        _channel?.Dispose();
        _http.Dispose();
    }

    // A .NET service finds its appsettings.json in its content root, the working directory.
    private static ExternalProcess StartService(string project, IReadOnlyDictionary<string, string> environment) =>
        ExternalProcess.Start("dotnet", [RepositoryFiles.ProjectAssembly(project)], environment, RepositoryFiles.ProjectOutput(project));

    private ExternalProcess Track(ExternalProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private async Task WaitUntilAnswersAsync(Uri probe, ExternalProcess process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync(probe);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{probe} did not answer within {StartTimeout}. {process.Transcript()}");
            }

            await Task.Delay(200);
        }
    }

    // Production, exporting quickly so that the test does not wait out the SDK's default 5 s batches.
    private static Dictionary<string, string> Exporting(Uri otlp, string serviceName, Dictionary<string, string> settings)
    {
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["DOTNET_ENVIRONMENT"] = "Production";
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.ToString();
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
        settings["OTEL_SERVICE_NAME"] = serviceName;
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        settings["OTEL_BLRP_SCHEDULE_DELAY"] = "200";
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";

        // A batch that fails to export on a loaded machine is retried rather than dropped (as Aspire configures it).
        settings["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";
        return settings;
    }

    private static Uri? ListeningOn(string line, string prefix)
    {
        var at = line.IndexOf(prefix, StringComparison.Ordinal);
        return at < 0 ? null : new Uri(line[(at + prefix.Length)..].Trim());
    }

    private static string DashboardPath() =>
        typeof(ExportingDeploymentFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "AspireDashboardPath").Value!;
}

public sealed record DashboardSpan(string Service, string Scope, string Name, string SpanId, string ParentSpanId, string Json);

[CollectionDefinition(Name)]
public sealed class ExportingDeploymentTests : ICollectionFixture<ExportingDeploymentFixture>
{
    public const string Name = "Backend and emulator processes exporting to the Aspire dashboard";
}
