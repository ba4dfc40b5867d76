using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// Every rendered document against the OpenAPI schema of its kind, required fields included (the strict typed loader
// catches unknown fields and wrong types but not a missing required field): kubernetes-models, and the Gateway API
// and cert-manager models, through KubernetesSchemas/validate.mjs (restored by the test project's build).
[Collection(KustomizeTestGroup.Name)]
public sealed class SchemaValidationTests(KustomizeFixture fixture)
{
    // Envoy Gateway's own kinds: no published schema package exists here (README: what was and was not verified).
    private static readonly string[] KindsWithoutSchema = ["gateway.envoyproxy.io/v1alpha1/ClientTrafficPolicy", "gateway.envoyproxy.io/v1alpha1/EnvoyProxy"];

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public async Task Every_rendered_document_validates_against_its_schema(string variant)
    {
        var rendered = fixture[variant];

        var report = await KubernetesSchemas.ValidateAsync(rendered.Yaml);

        Assert.True(report.Errors.Count == 0, string.Join("\n", report.Errors));
        Assert.All(report.Unknown, document => Assert.Contains(KindsWithoutSchema, kind => document.StartsWith(kind + " ", StringComparison.Ordinal)));
        Assert.Equal(rendered.Objects.Count + rendered.Untyped.Count, report.Validated.Count + report.Unknown.Count);
    }

    [Theory]
    [InlineData(KustomizeFixture.ProductionWithGatewayPassthrough, "gatewayClassName")]
    [InlineData(KustomizeFixture.ProductionWithEnvoyGateway, "secretName")]
    [InlineData(KustomizeFixture.Production, "selector")]
    public async Task A_document_missing_a_required_field_is_refused(string variant, string field)
    {
        var yaml = WithoutField(fixture[variant].Yaml, field);

        var report = await KubernetesSchemas.ValidateAsync(yaml);

        Assert.Contains(report.Errors, error => error.Contains(field, StringComparison.Ordinal));
    }

    // Every "field:" key removed with the lines nested under it.
    private static string WithoutField(string yaml, string field)
    {
        var kept = new List<string>();
        int? removedIndent = null;
        foreach (var line in yaml.Split('\n'))
        {
            var indent = line.Length - line.TrimStart().Length;
            if (removedIndent is { } removed && (indent > removed || line.TrimStart().StartsWith("- ", StringComparison.Ordinal) && indent == removed))
            {
                continue;
            }

            removedIndent = line.TrimStart().StartsWith(field + ":", StringComparison.Ordinal) ? indent : null;
            if (removedIndent is null)
            {
                kept.Add(line);
            }
        }

        return string.Join("\n", kept);
    }
}
