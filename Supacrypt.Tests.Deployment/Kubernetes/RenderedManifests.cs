using k8s;
using k8s.Models;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// One rendered overlay. Every built-in object and cert-manager Certificate is loaded by KubernetesClient's strict typed
// loader (an unknown field or a wrong type anywhere fails the load); Gateway API and Envoy Gateway objects, which it
// does not know, are kept as parsed documents for the schema validator and the tests that read them.
public sealed class RenderedManifests
{
    public const string Backend = "supacrypt-backend";
    public const string BackendContainer = "backend";

    private static readonly string[] UntypedGroups = ["gateway.networking.k8s.io/", "gateway.envoyproxy.io/"];

    private static readonly Dictionary<string, Type> CustomResources = new()
    {
        [$"{CertManagerCertificate.CertificateApiVersion}/{CertManagerCertificate.CertificateKind}"] = typeof(CertManagerCertificate),
    };

    private RenderedManifests(string variant, string yaml, IReadOnlyList<object> objects, IReadOnlyList<ManifestDocument> untyped)
    {
        Variant = variant;
        Yaml = yaml;
        Objects = objects;
        Untyped = untyped;
    }

    public string Variant { get; }

    /// <summary>The render as kustomize printed it.</summary>
    public string Yaml { get; }

    public IReadOnlyList<object> Objects { get; }

    public IReadOnlyList<ManifestDocument> Untyped { get; }

    public static RenderedManifests Load(string variant, string yaml)
    {
        var documents = ManifestDocument.Split(yaml);
        var untyped = documents.Where(document => UntypedGroups.Any(group => document.ApiVersion.StartsWith(group, StringComparison.Ordinal))).ToList();
        var typed = string.Join("\n---\n", documents.Except(untyped).Select(document => document.Text));
        return new(variant, yaml, KubernetesYaml.LoadAllFromString(typed, CustomResources, strict: true), untyped);
    }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public ManifestDocument Document(string kind, string name) =>
        Untyped.SingleOrDefault(document => document.Kind == kind && document.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"{Variant}: no {kind} {name}.");

    public V1Deployment Deployment(string name) =>
        All<V1Deployment>().SingleOrDefault(deployment => deployment.Metadata.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"{Variant}: no Deployment {name}.");

    public V1Container BackendContainerSpec =>
        Deployment(Backend).Spec.Template.Spec.Containers.Single(container => container.Name == BackendContainer);

    public V1ConfigMap ConfigMap(string name) =>
        All<V1ConfigMap>().SingleOrDefault(map => map.Metadata.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"{Variant}: no ConfigMap {name}.");

    // The environment a container starts with: its ConfigMaps (envFrom) overlaid by its own env entries.
    public IReadOnlyDictionary<string, string> Environment(V1Container container)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            foreach (var (key, value) in ConfigMap(source.ConfigMapRef.Name).Data)
            {
                environment[key] = value;
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            environment[variable.Name] = variable.Value;
        }

        return environment;
    }

    public IEnumerable<(V1Deployment Deployment, V1Container Container)> Containers() =>
        All<V1Deployment>().SelectMany(deployment =>
            (deployment.Spec.Template.Spec.InitContainers ?? []).Concat(deployment.Spec.Template.Spec.Containers)
                .Select(container => (deployment, container)));

    public override string ToString() => Variant;
}
