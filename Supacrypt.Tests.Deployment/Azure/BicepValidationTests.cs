using System.Text.Json.Nodes;

namespace Supacrypt.Tests.Deployment.Azure;

// Every template the deployment uses passes the real compiler and linter with the repository's bicepconfig.json.
public sealed class BicepValidationTests
{
    private static readonly string[] RulesThatAreErrors =
    [
        "outputs-should-not-contain-secrets", "secure-secrets-in-params", "secure-parameter-default",
        "use-secure-value-for-secure-inputs", "no-hardcoded-env-urls", "no-hardcoded-location",
        "explicit-values-for-loc-params", "no-unused-params", "no-unused-vars", "use-stable-resource-identifiers",
    ];

    [Fact]
    public async Task Every_bicep_file_compiles_and_lints_without_a_single_diagnostic()
    {
        var compiled = await Bicep.CompiledAsync();

        Assert.NotEmpty(compiled.Templates);
        Assert.All(compiled.Templates, template => Assert.True(template.Value is not null, $"{template.Key} did not compile."));
        Assert.True(compiled.Build.ExitCode == 0 && string.IsNullOrWhiteSpace(compiled.Build.StandardOutput + compiled.Build.StandardError),
            $"bicep build: {compiled.Build}");
        Assert.True(compiled.Lint.ExitCode == 0 && string.IsNullOrWhiteSpace(compiled.Lint.StandardOutput + compiled.Lint.StandardError),
            $"bicep lint: {compiled.Lint}");
    }

    [Fact]
    public void Bicep_configuration_makes_the_rules_that_guard_secrets_and_portability_errors()
    {
        var rules = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("bicepconfig.json")))!["analyzers"]!["core"]!["rules"]!;

        Assert.All(RulesThatAreErrors, rule => Assert.Equal("error", rules[rule]?["level"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Linter_with_that_configuration_refuses_a_template_that_outputs_a_secret()
    {
        var directory = Directory.CreateTempSubdirectory("supacrypt-bicep-");
        try
        {
            File.Copy(RepositoryFiles.PathOf("bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            var template = Path.Combine(directory.FullName, "leaky.bicep");
            await File.WriteAllTextAsync(template, """
                resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
                  name: 'law'
                }

                output sharedKey string = workspace.listKeys().primarySharedKey
                """);

            var lint = await Bicep.LintAsync(template);

            Assert.NotEqual(0, lint.ExitCode);
            Assert.Contains("outputs-should-not-contain-secrets", lint.StandardOutput + lint.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
