using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Supacrypt.Tests.Infrastructure;

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}; stdout: {StandardOutput.Trim()}; stderr: {StandardError.Trim()}";
}

/// <summary>
/// The tests' one way to run another program: a command-line tool (openssl, node, dotnet, kubectl) to completion
/// with a timeout, or a service started and watched (its output kept for assertions and diagnosis, killed when disposed).
/// </summary>
public sealed partial class ExternalProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _standardOutput = new();
    private readonly StringBuilder _transcript = new();

    private ExternalProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Keep(line.Data, standardOutput: true);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data, standardOutput: false);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Standard output and error, interleaved as they arrived.</summary>
    public string Output
    {
        get
        {
            lock (_transcript)
            {
                return _transcript.ToString();
            }
        }
    }

    /// <summary>The lines of standard output alone (a service's log, for example).</summary>
    public IReadOnlyList<string> OutputLines => [.. _standardOutput];

    /// <summary>A start description with every stream redirected, no shell, and the given working directory.</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    public static Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout) =>
        RunAsync(StartInfo(fileName, arguments, workingDirectory), timeout);

    /// <summary>Runs a prepared command (its own environment, e.g.) to completion; output and input must be redirected.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds} s.");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a long-running program with exactly these environment additions.</summary>
    public static ExternalProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = StartInfo(fileName, arguments, workingDirectory);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Start(start);
    }

    /// <summary>Starts a prepared command; output and input must be redirected (as <see cref="StartInfo"/> does).</summary>
    public static ExternalProcess Start(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return new(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start."));
    }

    /// <summary>Waits for an output line the selector recognises, failing with the output so far when the process exits or the deadline passes.</summary>
    public async Task<T> WaitForOutputAsync<T>(Func<string, T?> select, TimeSpan timeout) where T : class
    {
        ArgumentNullException.ThrowIfNull(select);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            foreach (var line in _standardOutput)
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

    /// <summary>Kestrel's "Now listening on" lines: which port each scheme got (the endpoints ask for port 0).</summary>
    public IReadOnlyDictionary<string, int> ListeningPorts() => ListeningLine().Matches(Output)
        .GroupBy(match => match.Groups["scheme"].Value)
        .ToDictionary(group => group.Key, group => int.Parse(group.First().Groups["port"].Value, CultureInfo.InvariantCulture));

    public string Transcript() => $"{Describe()} output:\n{Output}";

    /// <summary>Sends SIGTERM, as an orchestrator does to stop a container.</summary>
    public async Task TerminateAsync()
    {
        // The shell's own kill, so no procps package is needed on a bare CI machine.
        var result = await RunAsync("sh", ["-c", $"kill -TERM {Id.ToString(CultureInfo.InvariantCulture)}"], null, TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Describe()} did not exit within {deadline.TotalSeconds} s. {Transcript()}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private string Describe() => $"{_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)}";

    private void Keep(string? line, bool standardOutput)
    {
        if (line is null)
        {
            return;
        }

        if (standardOutput)
        {
            _standardOutput.Enqueue(line);
        }

        lock (_transcript)
        {
            _transcript.AppendLine(line);
        }
    }

    [GeneratedRegex(@"Now listening on: (?<scheme>https?)://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
