using Supacrypt.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// Secrets reach a cluster only from files git ignores (the development PKI, an operator's PEM files) or from
// cert-manager: the committed manifests carry no Secret, no literal secret value, and no certificate file.
public sealed class SecretMaterialTests
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public void No_committed_manifest_is_a_secret()
    {
        foreach (var (path, document) in Documents())
        {
            Assert.False(Scalar(document, "kind") == "Secret", $"{path} commits a Secret.");
        }
    }

    [Fact]
    public async Task Secret_generators_read_only_files_git_ignores()
    {
        var generated = 0;
        foreach (var (path, document) in Documents().Where(item => Path.GetFileName(item.Path) == "kustomization.yaml"))
        {
            if (!((YamlMappingNode)document.RootNode).Children.TryGetValue(new YamlScalarNode("secretGenerator"), out var generators))
            {
                continue;
            }

            foreach (var generator in ((YamlSequenceNode)generators).Cast<YamlMappingNode>())
            {
                var keys = generator.Children.Keys.Cast<YamlScalarNode>().Select(key => key.Value).ToList();
                Assert.DoesNotContain("literals", keys);
                Assert.DoesNotContain("envs", keys);
                foreach (var source in (YamlSequenceNode)generator.Children[new YamlScalarNode("files")])
                {
                    var file = ((YamlScalarNode)source).Value!.Split('=').Last();
                    var absolute = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, file));
                    var relative = Path.GetRelativePath(KustomizeFixture.RepositoryRoot, absolute);
                    var ignored = await ExternalProcess.RunAsync("git", ["check-ignore", "--quiet", "--no-index", relative], KustomizeFixture.RepositoryRoot, GitTimeout);
                    Assert.True(ignored.ExitCode == 0, $"{path} reads {relative} into a Secret, and git does not ignore it: {ignored}");
                    generated++;
                }
            }
        }

        // dev: the development PKI's four files; production: the client CA (its CRL comes by URL), and the server pair.
        Assert.Equal(7, generated);
    }

    [Fact]
    public async Task No_certificate_or_key_is_committed_under_deploy()
    {
        var tracked = await ExternalProcess.RunAsync("git", ["ls-files", "deploy"], KustomizeFixture.RepositoryRoot, GitTimeout);

        Assert.Equal(0, tracked.ExitCode);
        Assert.DoesNotContain(
            tracked.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            file => Path.GetExtension(file) is ".crt" or ".key" or ".crl" or ".pem" or ".pfx" or ".p12");
    }

    private static IEnumerable<(string Path, YamlDocument Document)> Documents()
    {
        foreach (var path in Directory.EnumerateFiles(KustomizeFixture.KubernetesDirectory, "*.yaml", SearchOption.AllDirectories))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(path);
            stream.Load(reader);
            foreach (var document in stream.Documents)
            {
                yield return (path, document);
            }
        }
    }

    private static string? Scalar(YamlDocument document, string key) =>
        document.RootNode is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? (value as YamlScalarNode)?.Value
            : null;
}
