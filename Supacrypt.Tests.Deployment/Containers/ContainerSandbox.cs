using System.Diagnostics;
using System.Runtime.Versioning;

namespace Supacrypt.Tests.Deployment.Containers;

/// <summary>
/// Runs a command the way the backend's container runs it, without a container engine: bubblewrap builds a root
/// from the host's read-only /usr and /etc plus the published app at /app and the certificates at /certs (both
/// read-only), a writable /tmp and nothing else writable; the process runs as UID/GID 1000 with every capability
/// dropped and no-new-privileges. As root, setpriv switches to the real UID 1000; otherwise bubblewrap maps the
/// caller to UID 1000 in a user namespace. The network is shared, so loopback reaches the test's emulator.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class ContainerSandbox(string appDirectory, string certificateDirectory, string temporaryDirectory)
{
    public const string ContainerUid = "1000";

    public string TemporaryDirectory { get; } = temporaryDirectory;

    /// <summary>Creates the three host directories with the permissions an unprivileged UID needs to use them.</summary>
    public static ContainerSandbox Create(string root, string appDirectory)
    {
        var certificates = Directory.CreateDirectory(Path.Combine(root, "certs")).FullName;
        var temporary = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(appDirectory, readable);
        File.SetUnixFileMode(certificates, readable);
        File.SetUnixFileMode(temporary, readable | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.StickyBit);
        return new ContainerSandbox(appDirectory, certificates, temporary);
    }

    /// <summary>Places a certificate file where the container expects it (<c>/certs/NAME</c>), readable by UID 1000.</summary>
    public void AddCertificateFile(string name, string sourcePath)
    {
        var target = Path.Combine(certificateDirectory, name);
        File.Copy(sourcePath, target, overwrite: true);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var start = new ProcessStartInfo("bwrap")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        // Only what the test sets: a container starts from its image's environment, not from the test runner's.
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["HOME"] = "/tmp";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var privileged = Environment.IsPrivilegedProcess;
        string[] arguments =
        [
            .. privileged ? Array.Empty<string>() : ["--unshare-user", "--uid", ContainerUid, "--gid", ContainerUid, "--cap-drop", "ALL"],
            "--ro-bind", "/usr", "/usr",
            "--ro-bind", "/etc", "/etc",
            .. UsrMergedLinks(),
            .. DotnetOutsideUsr(),
            "--proc", "/proc",
            "--dev", "/dev",
            "--bind", TemporaryDirectory, "/tmp",
            "--ro-bind", appDirectory, "/app",
            "--ro-bind", certificateDirectory, "/certs",
            "--remount-ro", "/",
            "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--die-with-parent", "--new-session",
            "--chdir", "/app",
            "--",
            .. privileged
                ? ["setpriv", $"--reuid={ContainerUid}", $"--regid={ContainerUid}", "--clear-groups",
                   "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]
                : Array.Empty<string>(),
            .. command,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>The dotnet host the tests run on, reachable inside the sandbox at the same path.</summary>
    public static string DotnetHost => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
        ? path
        : "/usr/bin/dotnet";

    // /bin, /lib, /lib64, /sbin are links into /usr on merged-/usr systems, directories elsewhere.
    private static IEnumerable<string> UsrMergedLinks()
    {
        foreach (var path in new[] { "/bin", "/sbin", "/lib", "/lib64", "/lib32" })
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                yield return "--symlink";
                yield return target;
                yield return path;
            }
            else if (Directory.Exists(path))
            {
                yield return "--ro-bind";
                yield return path;
                yield return path;
            }
        }
    }

    private static IEnumerable<string> DotnetOutsideUsr()
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(new FileInfo(DotnetHost).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? DotnetHost))!;
        if (!root.StartsWith("/usr/", StringComparison.Ordinal))
        {
            yield return "--ro-bind";
            yield return root;
            yield return root;
        }
    }
}
