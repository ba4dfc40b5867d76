using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Supacrypt.Tests.Deployment.Containers;

/// <summary>A long-running process in a <see cref="ContainerSandbox"/>, its output collected for assertions and diagnosis.</summary>
internal sealed partial class SandboxedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SandboxedProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static SandboxedProcess Start(ProcessStartInfo start) =>
        new(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start."));

    /// <summary>Kestrel's "Now listening on" lines: which port each scheme got (the endpoints ask for port 0).</summary>
    public IReadOnlyDictionary<string, int> ListeningPorts() => ListeningLine().Matches(Output)
        .GroupBy(match => match.Groups["scheme"].Value)
        .ToDictionary(group => group.Key, group => int.Parse(group.First().Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"Now listening on: (?<scheme>https?)://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
