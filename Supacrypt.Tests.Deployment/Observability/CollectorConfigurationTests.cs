using System.Text.RegularExpressions;
using Supacrypt.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Supacrypt.Tests.Observability;

/// <summary>
/// No collector binary is packaged for this machine (Debian or npm), so otel-collector-config.yaml is checked by
/// yamllint and by its structure: what the README and the deployments rely on.
/// </summary>
public sealed partial class CollectorConfigurationTests
{
    private static readonly string ConfigPath = Path.Combine(RepositoryFiles.Root, "otel-collector-config.yaml");

    [Fact]
    public async Task The_collector_configuration_passes_yamllint()
    {
        var result = await ExternalProcess.RunAsync(
            "yamllint", ["-s", "-d", "{extends: default, rules: {line-length: {max: 130}, document-start: disable}}", ConfigPath], null, TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Every_pipeline_limits_memory_first_then_batches_and_uses_only_defined_components()
    {
        var config = Load();
        var pipelines = Map(Map(config, "service"), "pipelines");

        Assert.Equal(["traces", "metrics", "logs"], pipelines.Children.Keys.Select(key => key.ToString()));
        foreach (var (name, node) in pipelines.Children)
        {
            var pipeline = (YamlMappingNode)node;
            var processors = List(pipeline, "processors");
            Assert.True(processors is ["memory_limiter", .., "batch"], $"Pipeline {name} must start with memory_limiter and end with batch.");
            foreach (var kind in new[] { "receivers", "processors", "exporters" })
            {
                var defined = Map(config, kind).Children.Keys.Select(key => key.ToString()).ToHashSet();
                Assert.All(List(pipeline, kind).SelectMany(Candidates), component => Assert.Contains(component, defined));
            }
        }
    }

    [Fact]
    public void Receivers_exporters_and_health_check_listen_where_the_deployments_expect()
    {
        var config = Load();
        var otlp = Map(Map(Map(config, "receivers"), "otlp"), "protocols");
        Assert.Equal("0.0.0.0:4317", Scalar(Map(otlp, "grpc"), "endpoint"));
        Assert.Equal("0.0.0.0:4318", Scalar(Map(otlp, "http"), "endpoint"));
        var exporters = Map(config, "exporters");
        Assert.Equal("0.0.0.0:8888", Scalar(Map(exporters, "prometheus"), "endpoint"));
        Assert.StartsWith("${env:OTEL_COLLECTOR_OTLP_ENDPOINT:-", Scalar(Map(exporters, "otlp_grpc"), "endpoint"), StringComparison.Ordinal);
        Assert.Equal("0.0.0.0:13133", Scalar(Map(Map(config, "extensions"), "health_check"), "endpoint"));
        Assert.Contains("health_check", List(Map(config, "service"), "extensions"));

        // Traces, logs and metrics go on to the OTLP next hop when one is chosen, to the collector's log otherwise.
        var pipelines = Map(Map(config, "service"), "pipelines");
        foreach (var signal in new[] { "traces", "logs", "metrics" })
        {
            Assert.Contains(ForwardExporter, List(Map(pipelines, signal), "exporters"));
        }

        Assert.Contains("prometheus", List(Map(pipelines, "metrics"), "exporters"));
    }

    [Fact]
    public void The_apphost_mounts_this_file_and_sets_the_variables_it_reads()
    {
        var apphost = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "Supacrypt.AppHost", "AppHost.cs"));
        var collector = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "Supacrypt.AppHost", "OpenTelemetryCollector.cs"));
        Assert.Contains("\"../otel-collector-config.yaml\"", apphost, StringComparison.Ordinal);
        Assert.Contains("WithEnvironment(\"OTEL_COLLECTOR_FORWARD_EXPORTER\", \"otlp_grpc\")", collector, StringComparison.Ordinal);
        foreach (var variable in new[] { "OTEL_COLLECTOR_FORWARD_EXPORTER", "OTEL_COLLECTOR_OTLP_ENDPOINT", "OTEL_COLLECTOR_OTLP_INSECURE", "OTEL_COLLECTOR_OTLP_API_KEY" })
        {
            Assert.Contains($"${{env:{variable}", File.ReadAllText(ConfigPath), StringComparison.Ordinal);
            Assert.Contains($"\"{variable}\"", collector, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compose_kubernetes_and_the_apphost_run_one_collector_release_pinned_by_its_index_digest()
    {
        var compose = CollectorImage(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docker-compose.yml")));
        var kubernetes = CollectorImage(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "deploy", "kubernetes", "base", "otel-collector", "deployment.yaml")));
        var apphost = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "Supacrypt.AppHost", "OpenTelemetryCollector.cs"));

        // A literal name:tag@digest, the form Dependabot moves in one pull request; the tag alone could be re-pushed.
        Assert.Matches(@"^otel/opentelemetry-collector-contrib:\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$", compose);
        Assert.Equal(compose, kubernetes);
        Assert.Contains(".WithImageSHA256(Digest)", apphost, StringComparison.Ordinal);
        Assert.Equal($"otel/opentelemetry-collector-contrib:{Constant(apphost, "Tag")}@sha256:{Constant(apphost, "Digest")}", compose);
    }

    private static string CollectorImage(string file) =>
        Assert.Single(CollectorImageLine().Matches(file)).Groups["image"].Value;

    private static string Constant(string source, string name) =>
        Regex.Match(source, $@"const string {name} = ""(?<value>[^""]*)"";").Groups["value"].Value;

    [GeneratedRegex(@"image:\s*(?<image>otel/opentelemetry-collector-contrib\S*)")]
    private static partial Regex CollectorImageLine();

    private const string ForwardExporter = "${env:OTEL_COLLECTOR_FORWARD_EXPORTER:-debug}";

    // The components an entry can name: itself, or for the forward exporter its default and the OTLP choice.
    private static string[] Candidates(string component) => component == ForwardExporter ? ["debug", "otlp_grpc"] : [component];

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(ConfigPath);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string? Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value;

    private static string[] List(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children.Select(item => ((YamlScalarNode)item).Value!).ToArray();
}
