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

    [Fact]
    public async Task Deploy_says_plainly_when_no_cluster_is_reachable()
    {
        var workspace = fixture.Workspace(KustomizeFixture.Dev);
        // A cluster address on loopback where nothing listens: kubectl must not reach out anywhere else.
        var kubeconfig = Path.Combine(workspace, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: unreachable, cluster: {server: "https://127.0.0.1:1"}}]
            contexts: [{name: unreachable, context: {cluster: unreachable}}]
            current-context: unreachable
            """);

        var result = await MakeAsync(workspace, [$"KUBECONFIG={kubeconfig}"], "k8s-deploy", "K8S_OVERLAY=dev");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No Kubernetes cluster is reachable from kubectl (context: unreachable); nothing was applied.", result.StandardError);
    }

    private static Task<ProcessResult> MakeAsync(string root, string[] environment, params string[] arguments) =>
        ExternalProcess.RunAsync("env", [.. environment, "make", "--no-print-directory", .. arguments], root, MakeTimeout);
}
