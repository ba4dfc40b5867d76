using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Supacrypt.Tests.Deployment.Workflows;

public sealed partial class WorkflowTests(ActionlintRun actionlint) : IClassFixture<ActionlintRun>
{
    private static readonly string WorkflowDirectory = ActionlintRun.WorkflowDirectory;

    public static TheoryData<string> Workflows() => new(Directory.GetFiles(WorkflowDirectory, "*.yml").Select(path => Path.GetFileName(path)));

    [Fact]
    public void Ci_and_container_workflows_exist()
    {
        string[] required = ["ci.yml", "containers.yml"];

        Assert.Empty(required.Except(Directory.GetFiles(WorkflowDirectory, "*.yml").Select(path => Path.GetFileName(path))));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_passes_actionlint(string workflow)
    {
        // Exit code 1 is the broken sample's doing; 2 would mean actionlint itself failed.
        Assert.True(actionlint.Result.ExitCode is 0 or 1, actionlint.Result.ToString());
        Assert.Empty(actionlint.ProblemsIn(Path.Combine(WorkflowDirectory, workflow)));
    }

    [Fact]
    public void Actionlint_reports_an_undefined_expression_and_an_unknown_action_input()
    {
        var problems = string.Join('\n', actionlint.ProblemsIn(actionlint.BrokenWorkflow));

        Assert.Equal(1, actionlint.Result.ExitCode);
        Assert.Contains("no_such_property", problems, StringComparison.Ordinal);
        Assert.Contains("no-such-input", problems, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Third_party_actions_are_pinned_to_a_full_commit_sha(string workflow)
    {
        var references = UsesLine().Matches(File.ReadAllText(Path.Combine(WorkflowDirectory, workflow)))
            .Select(match => match.Groups["reference"].Value)
            // A workflow of this repository (./.github/workflows/...) is the same commit's code.
            .Where(reference => !reference.StartsWith("./", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.Matches(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$", reference));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_grants_only_read_access_by_default_and_writes_per_job(string workflow)
    {
        var root = Load(Path.Combine(WorkflowDirectory, workflow));

        var defaults = (YamlMappingNode)root["permissions"];
        Assert.Equal(["contents: read"], defaults.Children.Select(permission => $"{permission.Key}: {permission.Value}"));
        // A job that calls a reusable workflow takes the called jobs' own timeouts (it may not set one).
        foreach (var (name, job) in ((YamlMappingNode)root["jobs"]).Children.Where(job => !((YamlMappingNode)job.Value).Children.ContainsKey(new YamlScalarNode("uses"))))
        {
            Assert.True(((YamlMappingNode)job).Children.ContainsKey(new YamlScalarNode("timeout-minutes")), $"job {name} has no timeout");
        }
    }

    // Nothing is published unless the tests passed, and what is pushed is the archive that was scanned, by digest.
    [Fact]
    public void Containers_publish_only_after_the_tests_and_push_the_digest_they_built_and_scanned()
    {
        var workflow = Load(Path.Combine(WorkflowDirectory, "containers.yml"));
        var jobs = (YamlMappingNode)workflow["jobs"];
        var image = (YamlMappingNode)jobs["image"];
        var steps = Steps(image).ToList();
        var archive = "${{ env.ARCHIVE }}";

        Assert.Equal("./.github/workflows/ci.yml", jobs["test"]["uses"].ToString());
        Assert.Contains("workflow_call", ((YamlMappingNode)Load(Path.Combine(WorkflowDirectory, "ci.yml"))["on"]).Children.Keys.Select(key => key.ToString()));
        Assert.Equal("test", image["needs"].ToString());
        var build = Assert.Single(steps, step => step.Children.ContainsKey(new YamlScalarNode("uses")) && step["uses"].ToString().StartsWith("docker/build-push-action@", StringComparison.Ordinal));
        Assert.Equal("false", Input(build, "push"));
        Assert.Equal($"type=oci,dest={archive}", Input(build, "outputs"));
        Assert.Equal("linux/amd64,linux/arm64", Input(build, "platforms"));
        Assert.Equal("true", Input(build, "sbom"));
        Assert.StartsWith("mode=max", Input(build, "provenance"), StringComparison.Ordinal);
        // Each scan reads one architecture copied out of this archive (the next test holds how).
        Assert.Equal("${{ github.workspace }}/${{ matrix.image }}.oci.tar", image["env"]["ARCHIVE"].ToString());

        var push = Assert.Single(steps, step => step.Children.ContainsKey(new YamlScalarNode("run")) && step["run"].ToString().Contains("skopeo copy --all", StringComparison.Ordinal));
        Assert.Contains("--all --preserve-digests", push["run"].ToString(), StringComparison.Ordinal);
        Assert.Contains("\"oci-archive:$ARCHIVE\"", push["run"].ToString(), StringComparison.Ordinal);
        Assert.Equal("${{ steps.built.outputs.digest }}", push["env"]["SCANNED"].ToString());
        Assert.Contains("$SCANNED", push["run"].ToString(), StringComparison.Ordinal);
        Assert.True(steps.IndexOf(push) > steps.FindLastIndex(step => TrivySteps(steps).Contains(step)), "the push comes after every scan");
        Assert.Equal("env.PUBLISH == 'true'", push["if"].ToString());
        var publish = image["env"]["PUBLISH"].ToString();
        Assert.Contains("github.event_name == 'push'", publish, StringComparison.Ordinal);
        Assert.Contains("github.event.repository.default_branch", publish, StringComparison.Ordinal);
        Assert.Contains("refs/tags/v", publish, StringComparison.Ordinal);
        Assert.DoesNotContain(steps, step => Input(step, "push") == "true");
    }

    // Both architectures: a SARIF report of everything, and a gate on fixed CRITICAL and HIGH findings only.
    [Fact]
    public void Trivy_scans_both_architectures_and_fails_on_fixed_critical_and_high_vulnerabilities()
    {
        var image = (YamlMappingNode)((YamlMappingNode)Load(Path.Combine(WorkflowDirectory, "containers.yml"))["jobs"])["image"];
        var steps = TrivySteps(Steps(image).ToList()).ToList();
        string[] platforms = ["linux/amd64", "linux/arm64"];

        var gates = steps.Where(step => Input(step, "exit-code") == "1").ToList();
        var reports = steps.Where(step => Input(step, "exit-code") == "0").ToList();
        Assert.Equal(platforms, gates.Select(step => step["env"]["TRIVY_PLATFORM"].ToString()).Order());
        Assert.Equal(platforms, reports.Select(step => step["env"]["TRIVY_PLATFORM"].ToString()).Order());
        Assert.All(gates, step =>
        {
            Assert.Equal("CRITICAL,HIGH", Input(step, "severity"));
            Assert.Equal("true", Input(step, "ignore-unfixed"));
        });
        Assert.All(reports, step => Assert.Equal("sarif", Input(step, "format")));

        // Trivy takes an archive's first manifest whatever TRIVY_PLATFORM says, so each scan reads an archive that
        // holds its architecture alone, copied out of the built one before the scans.
        Assert.All(steps, step =>
        {
            var architecture = step["env"]["TRIVY_PLATFORM"].ToString()["linux/".Length..];
            Assert.Equal($"${{{{ github.workspace }}}}/${{{{ matrix.image }}}}-{architecture}.oci.tar", Input(step, "input"));
        });
        var split = Assert.Single(Steps(image), step => step.Children.ContainsKey(new YamlScalarNode("run")) && step["run"].ToString().Contains("--override-arch", StringComparison.Ordinal));
        Assert.Contains("for arch in amd64 arm64", split["run"].ToString(), StringComparison.Ordinal);
        Assert.Contains("\"oci-archive:${ARCHIVE%.oci.tar}-$arch.oci.tar\"", split["run"].ToString(), StringComparison.Ordinal);
        var stepList = Steps(image).ToList();
        Assert.True(stepList.IndexOf(split) < steps.Min(step => stepList.IndexOf(step)), "The per-architecture archives are made before the first scan.");
        Assert.Equal("write", ((YamlMappingNode)image["permissions"])["security-events"].ToString());
    }

    private static IEnumerable<YamlMappingNode> TrivySteps(List<YamlMappingNode> steps) =>
        steps.Where(step => step.Children.ContainsKey(new YamlScalarNode("uses")) && step["uses"].ToString().StartsWith("aquasecurity/trivy-action@", StringComparison.Ordinal));

    [Fact]
    public void Dependabot_updates_nuget_docker_npm_and_actions()
    {
        var updates = (YamlSequenceNode)Load(RepositoryFiles.PathOf(Path.Combine(".github", "dependabot.yml")))["updates"];

        var ecosystems = updates.Cast<YamlMappingNode>().Select(update => update["package-ecosystem"].ToString()).ToHashSet();
        string[] required = ["nuget", "docker", "npm", "github-actions"];
        Assert.Empty(required.Except(ecosystems));
    }

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>();

    private static string? Input(YamlMappingNode step, string name) =>
        step.Children.TryGetValue(new YamlScalarNode("with"), out var with) &&
        ((YamlMappingNode)with).Children.TryGetValue(new YamlScalarNode(name), out var value)
            ? value.ToString().Trim()
            : null;

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"^\s*(-\s+)?uses:\s*(?<reference>[^\s#]+)", RegexOptions.Multiline)]
    private static partial Regex UsesLine();
}
