using k8s;
using k8s.Models;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// One rendered overlay, every object loaded by KubernetesClient's strict typed loader: an unknown field or a wrong
// type anywhere fails the load.
public sealed class RenderedManifests
{
    public const string Backend = "supacrypt-backend";
    public const string BackendContainer = "backend";

    private static readonly Dictionary<string, Type> CustomResources = new()
    {
        [$"{CertManagerCertificate.CertificateApiVersion}/{CertManagerCertificate.CertificateKind}"] = typeof(CertManagerCertificate),
    };

    private RenderedManifests(string variant, IReadOnlyList<object> objects)
    {
        Variant = variant;
        Objects = objects;
    }

    public string Variant { get; }

    public IReadOnlyList<object> Objects { get; }

    public static RenderedManifests Load(string variant, string yaml) =>
        new(variant, KubernetesYaml.LoadAllFromString(yaml, CustomResources, strict: true));

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

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
