using System.Collections.Concurrent;
using System.Diagnostics;

namespace Supacrypt.Tests.Observability;

/// <summary>A long-running child process whose standard output and error lines are kept for the test to read.</summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private RunningProcess(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<string> OutputLines => [.. _output];

    public static RunningProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            // A .NET application finds its appsettings.json in its content root, the working directory.
            WorkingDirectory = File.Exists(arguments.FirstOrDefault()) ? Path.GetDirectoryName(arguments.First())! : "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var running = new RunningProcess(process);
        process.OutputDataReceived += (_, line) => Keep(running._output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(running._errors, line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{fileName} did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits for an output line the selector recognises, failing with the output so far when the process exits or the deadline passes.</summary>
    public async Task<T> WaitForOutputAsync<T>(Func<string, T?> select, TimeSpan timeout) where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            foreach (var line in _output)
            {
                if (select(line) is { } found)
                {
                    return found;
                }
            }

            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                throw new InvalidOperationException($"{Describe()} did not print the expected line. {Transcript()}");
            }

            await Task.Delay(100);
        }
    }

    public string Transcript() => $"stdout:\n{string.Join('\n', _output)}\nstderr:\n{string.Join('\n', _errors)}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private string Describe() => $"{_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)}";

    private static void Keep(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
