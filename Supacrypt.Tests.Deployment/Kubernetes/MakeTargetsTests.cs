using k8s.Models;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// The repository's Makefile (which includes deploy/kubernetes/kubernetes.mk), run as an operator would, from the root.
[Collection(KustomizeTestGroup.Name)]
public sealed class MakeTargetsTests(KustomizeFixture fixture)
{
    private static readonly TimeSpan MakeTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Render_prints_both_overlays_as_valid_manifests()
    {
        var result = await MakeAsync(fixture.Workspace(KustomizeFixture.Production), [], "k8s-render");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("# deploy/kubernetes/overlays/dev", result.StandardOutput);
        Assert.Contains("# deploy/kubernetes/overlays/production", result.StandardOutput);
        var rendered = RenderedManifests.Load("make k8s-render", result.StandardOutput);
        Assert.Equal(2, rendered.All<V1Namespace>().Count());
        Assert.Single(rendered.All<V1Deployment>(), deployment => deployment.Metadata.Name == "supacrypt-keyvault-emulator");
    }

    [Fact]
    public async Task Deploy_refuses_production_while_it_holds_placeholders()
    {
        var result = await MakeAsync(fixture.Workspace(KustomizeFixture.Production), [], "k8s-deploy", "K8S_OVERLAY=production");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("still holds a placeholder", result.StandardError);
    }

    // Each kind of placeholder an overlay or component ships with is named, not only the image digest.
    [Theory]
    [InlineData(KustomizeFixture.Production, "sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(KustomizeFixture.Production, "replace-with-your-vault.vault.azure.net")]
    [InlineData(KustomizeFixture.Production, "replace-with-your-client")]
    [InlineData(KustomizeFixture.Production, "replace-with-your-crl-host.example.com")]
    [InlineData(KustomizeFixture.Production, "00000000-0000-0000-0000-000000000000")]
    [InlineData(KustomizeFixture.ProductionWithGatewayPassthrough, "supacrypt.example.com")]
    [InlineData(KustomizeFixture.ProductionWithGatewayPassthrough, "replace-with-your-gateway-class")]
    [InlineData(KustomizeFixture.ProductionWithEnvoyGateway, "supacrypt.example.com")]
    [InlineData(KustomizeFixture.ProductionWithEnvoyGateway, "198.51.100.0/24")]
    public async Task Deploy_names_every_placeholder_it_refuses(string variant, string placeholder)
    {
        var result = await MakeAsync(fixture.Workspace(variant), [], "k8s-deploy", "K8S_OVERLAY=production");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("nothing was applied", result.StandardError);
        var named = result.StandardError[(result.StandardError.IndexOf("placeholder: ", StringComparison.Ordinal) + "placeholder: ".Length)..].Split(';')[0];
        Assert.Contains(placeholder, named.Split(' '));
    }

    // With every placeholder replaced as README says, nothing else is taken for one: the deploy goes on to the cluster.
    [Theory]
    [MemberData(nameof(KustomizeFixture.ProductionVariants), MemberType = typeof(KustomizeFixture))]
    public async Task Deploy_goes_on_once_every_placeholder_is_replaced(string variant)
    {
        using var workspace = new OperatorWorkspace(fixture.Workspace(variant));
        workspace.ReplacePlaceholders();

        var result = await MakeAsync(workspace.Root, [$"KUBECONFIG={workspace.UnreachableKubeconfig()}"], "k8s-deploy", "K8S_OVERLAY=production");

        Assert.DoesNotContain("placeholder", result.StandardError);
        Assert.Contains("No Kubernetes cluster is reachable", result.StandardError);
    }

    // No cluster runs here: a kubectl in front of the real one answers for the cluster (version, apply, rollout status)
    // and records what the target asked, while rendering stays the real kustomize.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Deploy_applies_then_waits_for_the_rollout_before_it_says_it_is_done(int rolloutExit)
    {
        using var workspace = new OperatorWorkspace(fixture.Workspace(KustomizeFixture.Dev));
        var log = workspace.ClusterStandIn(rolloutExit);

        var result = await MakeAsync(workspace.Root, [$"PATH={workspace.StandInDirectory}:{Environment.GetEnvironmentVariable("PATH")}"], "k8s-deploy", "K8S_OVERLAY=dev");

        var calls = (await File.ReadAllLinesAsync(log)).Where(line => !line.StartsWith("kustomize", StringComparison.Ordinal)).ToList();
        Assert.Equal(["version", "apply -f -"], calls.Take(2).Select(call => call.Split(" --")[0]));
        Assert.StartsWith("rollout status deployment --namespace supacrypt --selector app.kubernetes.io/part-of=supacrypt --timeout ", calls[2]);
        if (rolloutExit == 0)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("is applied and rolled out", result.StandardOutput);
        }
        else
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("did not roll out", result.StandardError);
        }
    }

    [Fact]
    public async Task Deploy_says_plainly_when_no_cluster_is_reachable()
    {
        // A cluster address on loopback where nothing listens: kubectl must not reach out anywhere else.
        using var workspace = new OperatorWorkspace(fixture.Workspace(KustomizeFixture.Dev));
        var kubeconfig = workspace.UnreachableKubeconfig();

        var result = await MakeAsync(workspace.Root, [$"KUBECONFIG={kubeconfig}"], "k8s-deploy", "K8S_OVERLAY=dev");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No Kubernetes cluster is reachable from kubectl (context: unreachable); nothing was applied.", result.StandardError);
    }

    private static Task<ProcessResult> MakeAsync(string root, string[] environment, params string[] arguments) =>
        ExternalProcess.RunAsync("env", [.. environment, "make", "--no-print-directory", .. arguments], root, MakeTimeout);
}
