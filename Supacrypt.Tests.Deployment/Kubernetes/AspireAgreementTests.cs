using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using Supacrypt.Tests.Aspire;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// aspirate would turn the Aspire manifest into Kubernetes YAML; the overlays are written by hand instead, so this holds
// them to the manifest: the same ports and transports, the same environment variables, the same health endpoint and
// the image of the same project.
[Collection(KustomizeTestGroup.Name)]
public sealed partial class AspireAgreementTests(KustomizeFixture fixture)
{
    private const string Resource = "backend";

    private static readonly Lazy<Task<JsonNode>> Manifest = new(PublishManifestTests.PublishManifestAsync);

    // What the manifest sets and production leaves out on purpose, with the reason.
    private static readonly Dictionary<string, string> DeliberatelyOmitted = new()
    {
        ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] =
            "it believes X-Forwarded-* headers from any source; TLS ends in the pod, and the forwarded-certificate " +
            "mode trusts only Security:ForwardedCertificate:KnownNetworks",
    };

    [Theory]
    [MemberData(nameof(KustomizeFixture.ProductionVariants), MemberType = typeof(KustomizeFixture))]
    public async Task Production_serves_the_manifest_bindings_on_the_same_ports_and_transports(string variant)
    {
        var backend = (await Manifest.Value)["resources"]![Resource]!;
        var rendered = fixture[variant];
        var container = rendered.BackendContainerSpec;
        var environment = rendered.Environment(container);
        var configuration = BackendConfiguration.For(environment);
        var service = rendered.All<V1Service>().Single(item => item.Metadata.Name == RenderedManifests.Backend);

        foreach (var (name, binding) in backend["bindings"]!.AsObject())
        {
            var targetPort = binding!["targetPort"]!.GetValue<int>();
            var transport = binding["transport"]!.GetValue<string>();
            var url = configuration.EndpointUrl(name);

            Assert.Equal(targetPort, container.Ports.Single(port => port.Name == name).ContainerPort);
            Assert.Equal(targetPort, url.Port);
            Assert.Equal(transport == "http2" ? "Http2" : "Http1", configuration.EndpointProtocols(name));
            // The model publishes h2c; production adds TLS in the pod exactly when a certificate is checked there: the
            // caller's (mutual TLS), or the proxy's own on its hop (Envoy Gateway).
            var tlsInPod = environment["Security__Mode"] == "MutualTls" || environment.ContainsKey("Security__ForwardedCertificate__ProxyCertificateAuthorityPath");
            Assert.Equal(tlsInPod && transport == "http2" ? "https" : binding["scheme"]!.GetValue<string>(), url.Scheme);
            if (transport == "http2")
            {
                Assert.Contains(service.Spec.Ports, port => port.Name == name && port.TargetPort.Value == name);
            }
            else
            {
                Assert.DoesNotContain(service.Spec.Ports, port => port.TargetPort.Value == name || port.Port == targetPort);
                Assert.Equal(name, container.ReadinessProbe.HttpGet.Port.Value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.ProductionVariants), MemberType = typeof(KustomizeFixture))]
    public async Task Production_sets_every_environment_variable_the_manifest_gives_the_backend(string variant)
    {
        var manifest = await Manifest.Value;
        var backend = manifest["resources"]![Resource]!;
        var rendered = fixture[variant];
        var environment = rendered.Environment(rendered.BackendContainerSpec);

        foreach (var (name, value) in backend["env"]!.AsObject())
        {
            if (DeliberatelyOmitted.ContainsKey(name))
            {
                Assert.False(environment.ContainsKey(name), $"{name} is listed as left out, yet production sets it.");
                continue;
            }

            Assert.True(environment.ContainsKey(name), $"{variant}: the Aspire manifest gives the backend {name}, production does not.");
            var expected = value!.GetValue<string>();
            if (name.StartsWith("Kestrel__Endpoints__", StringComparison.Ordinal))
            {
                Assert.Equal(KestrelUrl.Parse(ResolveBindings(expected, backend)).Port, KestrelUrl.Parse(environment[name]).Port);
            }
            else if (ReferencePattern().Match(expected) is { Success: true } reference)
            {
                // A value the deployment supplies (the vault URI): in the manifest the output of the Azure Key Vault
                // module azd provisions, here the URI of a vault the operator names.
                Assert.Equal("azure.bicep.v0", manifest["resources"]![reference.Groups["resource"].Value]!["type"]!.GetValue<string>());
                Assert.Matches("^https://", environment[name]);
            }
            else
            {
                Assert.Equal(expected, environment[name]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.ProductionVariants), MemberType = typeof(KustomizeFixture))]
    public async Task Production_probes_health_on_the_manifest_http_binding(string variant)
    {
        var bindings = (await Manifest.Value)["resources"]![Resource]!["bindings"]!;
        var container = fixture[variant].BackendContainerSpec;
        var healthPort = bindings["http"]!["targetPort"]!.GetValue<int>();

        foreach (var probe in new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe })
        {
            Assert.Equal(healthPort, container.Ports.Single(port => port.Name == probe.HttpGet.Port.Value).ContainerPort);
        }

        Assert.Equal(Microsoft.Extensions.Hosting.Extensions.ReadinessEndpointPath, container.ReadinessProbe.HttpGet.Path);
        Assert.Equal(Microsoft.Extensions.Hosting.Extensions.LivenessEndpointPath, container.LivenessProbe.HttpGet.Path);
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.ProductionVariants), MemberType = typeof(KustomizeFixture))]
    public async Task Production_runs_the_image_of_the_project_the_manifest_names(string variant)
    {
        var backend = (await Manifest.Value)["resources"]![Resource]!;
        var image = fixture[variant].BackendContainerSpec.Image.Split('@')[0];
        const string expected = $"ghcr.io/supacrypt/supacrypt-{Resource}";

        Assert.Equal(expected, image);
        // The manifest names either the image, or what builds it: the backend project or the repository's root
        // Dockerfile, which builds this image (README, "Container images").
        if (backend["image"] is { } named)
        {
            Assert.Equal(expected, named.GetValue<string>().Split('@')[0].Split(':')[0]);
        }
        else if (backend["build"] is { } build)
        {
            var dockerfile = build["dockerfile"]!.GetValue<string>();
            Assert.Equal("Dockerfile", Path.GetFileName(dockerfile));
            Assert.Equal(Path.GetFileName(build["context"]!.GetValue<string>().TrimEnd('/')), Path.GetFileName(Path.GetDirectoryName(dockerfile)));
        }
        else
        {
            Assert.Equal("Supacrypt.Backend.csproj", Path.GetFileName(backend["path"]!.GetValue<string>()));
        }
    }

    private static string ResolveBindings(string value, JsonNode resource) =>
        BindingPattern().Replace(value, match => resource["bindings"]![match.Groups["binding"].Value]![match.Groups["property"].Value]!.ToString());

    [GeneratedRegex(@"\{backend\.bindings\.(?<binding>[^.}]+)\.(?<property>[^.}]+)\}")]
    private static partial Regex BindingPattern();

    [GeneratedRegex(@"^\{(?<resource>[^.}]+)\.connectionString\}$")]
    private static partial Regex ReferencePattern();
}
