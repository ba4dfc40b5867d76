using System.Text.RegularExpressions;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// A private copy of a rendered variant's workspace that a test may edit as an operator would.
internal sealed partial class OperatorWorkspace : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("supacrypt-operator-");

    public OperatorWorkspace(string source)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root => _directory.FullName;

    public string StandInDirectory => Path.Combine(Root, "stand-in");

    // The README's replacements: a real digest, names, client id, host name and the proxies' network.
    public void ReplacePlaceholders()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "deploy", "kubernetes"), "*", SearchOption.AllDirectories)
                     .Where(file => Path.GetExtension(file) is ".yaml" or ".env"))
        {
            var text = File.ReadAllText(file);
            text = Digest().Replace(text, "sha256:" + new string('4', 64));
            text = Named().Replace(text, "contoso-$1");
            text = text.Replace("00000000-0000-0000-0000-000000000000", "6f1c2a9e-3b7d-4e58-9a10-2c4d8e7f6a5b", StringComparison.Ordinal);
            text = Host().Replace(text, "$1contoso.com");
            text = text.Replace("198.51.100.0/24", "10.42.7.0/24", StringComparison.Ordinal);
            File.WriteAllText(file, text);
        }
    }

    public string UnreachableKubeconfig()
    {
        var path = Path.Combine(Root, "kubeconfig");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            clusters: [{name: unreachable, cluster: {server: "https://127.0.0.1:1"}}]
            contexts: [{name: unreachable, context: {cluster: unreachable}}]
            current-context: unreachable
            """);
        return path;
    }

    // A kubectl that renders with the real one and answers for a cluster; returns the file it logs its arguments to.
    public string ClusterStandIn(int rolloutExit)
    {
        Directory.CreateDirectory(StandInDirectory);
        var log = Path.Combine(Root, "kubectl.log");
        var real = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "kubectl")).First(File.Exists);
        var script = Path.Combine(StandInDirectory, "kubectl");
        File.WriteAllText(script, $$"""
            #!/usr/bin/env bash
            echo "$*" >> '{{log}}'
            case "$1" in
              kustomize) exec '{{real}}' "$@" ;;
              apply) cat >/dev/null ;;
              rollout) exit {{rolloutExit}} ;;
            esac
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return log;
    }

    public void Dispose() => _directory.Delete(recursive: true);

    [GeneratedRegex("sha256:0{64}")]
    private static partial Regex Digest();

    [GeneratedRegex("replace-with-your-([a-z0-9-]+)")]
    private static partial Regex Named();

    [GeneratedRegex(@"([a-z0-9-]+\.)example\.(com|net|org)")]
    private static partial Regex Host();
}
