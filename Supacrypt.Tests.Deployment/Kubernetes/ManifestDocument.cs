using YamlDotNet.RepresentationModel;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// One document of a render, parsed but untyped: for kinds KubernetesClient has no class for (Gateway API, Envoy Gateway).
public sealed record ManifestDocument(string ApiVersion, string Kind, string Name, string Text, YamlMappingNode Root)
{
    public static IReadOnlyList<ManifestDocument> Split(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var texts = yaml.Split("\n---\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(text => text.StartsWith("---\n", StringComparison.Ordinal) ? text[4..] : text)
            .Where(text => !string.IsNullOrWhiteSpace(text))
            .ToList();
        var roots = stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>().ToList();
        Assert.Equal(texts.Count, roots.Count);
        return roots.Select((root, index) => new ManifestDocument(
                Scalar(root, "apiVersion"), Scalar(root, "kind"), Scalar(Mapping(root, "metadata"), "name"), texts[index], root))
            .ToList();
    }

    /// <summary>The scalar at a dotted path of mapping keys and list indexes, e.g. <c>spec.listeners.0.tls.mode</c>.</summary>
    public string At(string path)
    {
        YamlNode node = Root;
        foreach (var step in path.Split('.'))
        {
            node = node switch
            {
                YamlSequenceNode sequence when int.TryParse(step, out var index) && index < sequence.Children.Count => sequence.Children[index],
                YamlMappingNode mapping when mapping.Children.TryGetValue(new YamlScalarNode(step), out var child) => child,
                _ => throw new Xunit.Sdk.XunitException($"{Kind} {Name} has no {path} (stopped at {step})."),
            };
        }

        return ((YamlScalarNode)node).Value ?? "";
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value ?? "";
}
