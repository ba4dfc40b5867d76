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
        foreach (var (name, job) in ((YamlMappingNode)root["jobs"]).Children)
        {
            Assert.True(((YamlMappingNode)job).Children.ContainsKey(new YamlScalarNode("timeout-minutes")), $"job {name} has no timeout");
        }
    }

    [Fact]
    public void Containers_push_only_from_pushes_to_the_default_branch_or_tags_and_attest_what_they_push()
    {
        var jobs = (YamlMappingNode)Load(Path.Combine(WorkflowDirectory, "containers.yml"))["jobs"];

        foreach (var (name, node) in jobs.Children)
        {
            var job = (YamlMappingNode)node;
            var pushes = Steps(job).Where(step => Input(step, "push") == "true").ToList();
            var writesPackages = job.Children.TryGetValue(new YamlScalarNode("permissions"), out var permissions) &&
                ((YamlMappingNode)permissions).Children.TryGetValue(new YamlScalarNode("packages"), out var packages) &&
                packages.ToString() == "write";
            Assert.Equal(pushes.Count > 0, writesPackages);
            if (pushes.Count == 0)
            {
                continue;
            }

            var condition = job["if"].ToString();
            Assert.Contains("github.event_name == 'push'", condition, StringComparison.Ordinal);
            Assert.Contains("github.event.repository.default_branch", condition, StringComparison.Ordinal);
            Assert.Contains("refs/tags/v", condition, StringComparison.Ordinal);
            Assert.All(pushes, step =>
            {
                Assert.Equal("linux/amd64,linux/arm64", Input(step, "platforms"));
                Assert.Equal("true", Input(step, "sbom"));
                Assert.StartsWith("mode=max", Input(step, "provenance"), StringComparison.Ordinal);
            });
            Assert.True(name.ToString() != "scan", "the scan job runs on pull requests and must not push");
        }
    }

    [Fact]
    public void Pull_requests_scan_a_locally_loaded_image_and_send_the_sarif_to_code_scanning()
    {
        var scan = (YamlMappingNode)((YamlMappingNode)Load(Path.Combine(WorkflowDirectory, "containers.yml"))["jobs"])["scan"];
        var steps = Steps(scan).ToList();

        var loaded = steps.Single(step => Input(step, "load") == "true");
        var trivy = steps.Single(step => step["uses"].ToString().StartsWith("aquasecurity/trivy-action@", StringComparison.Ordinal));
        var upload = steps.Single(step => step["uses"].ToString().StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal));
        Assert.Equal(Input(loaded, "tags"), Input(trivy, "image-ref"));
        Assert.Equal("sarif", Input(trivy, "format"));
        Assert.Equal(Input(trivy, "output"), Input(upload, "sarif_file"));
        Assert.Equal("write", ((YamlMappingNode)scan["permissions"])["security-events"].ToString());
        Assert.DoesNotContain(steps, step => Input(step, "push") == "true");
    }

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
