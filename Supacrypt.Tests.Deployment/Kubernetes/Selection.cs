using k8s.Models;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// How Kubernetes matches labels and names ports, for assertions about rendered objects.
internal static class Selection
{
    public static (string, string) SingleLabel(V1LabelSelector selector)
    {
        var label = Assert.Single(selector.MatchLabels);
        return (label.Key, label.Value);
    }

    public static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string> labels) =>
        selector is { Count: > 0 } && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    public static int? ContainerPort(V1Container container, IntOrString port) =>
        int.TryParse(port.Value, out var number)
            ? container.Ports?.Any(item => item.ContainerPort == number) is true ? number : null
            : container.Ports?.SingleOrDefault(item => item.Name == port.Value)?.ContainerPort;
}
