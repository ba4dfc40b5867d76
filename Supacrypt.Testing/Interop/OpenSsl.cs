using System.Security.Cryptography;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Interop;

/// <summary>Runs the <c>openssl</c> command line in a working directory, with a timeout.</summary>
public static class OpenSsl
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments) =>
        ExternalProcess.RunAsync("openssl", arguments, workingDirectory, Timeout);

    /// <summary>Runs openssl and fails the test, showing its output, unless it exits with 0.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(string workingDirectory, params string[] arguments)
    {
        var result = await RunAsync(workingDirectory, arguments);
        Assert.True(result.ExitCode == 0, $"openssl {string.Join(' ', arguments)} failed: {result}");
        return result;
    }
}

/// <summary>A directory for openssl's inputs and outputs, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "supacrypt-interop-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, byte[] content)
    {
        System.IO.File.WriteAllBytes(File(name), content);
        return name;
    }

    public string WritePublicKeyPem(string name, byte[] subjectPublicKeyInfo)
    {
        System.IO.File.WriteAllText(File(name), PemEncoding.WriteString("PUBLIC KEY", subjectPublicKeyInfo));
        return name;
    }

    public byte[] Read(string name) => System.IO.File.ReadAllBytes(File(name));

    public Task<ProcessResult> OpenSslAsync(params string[] arguments) => OpenSsl.RunAsync(Path, arguments);

    public Task<ProcessResult> OpenSslCheckedAsync(params string[] arguments) => OpenSsl.RunCheckedAsync(Path, arguments);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
