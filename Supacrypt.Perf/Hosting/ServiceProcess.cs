using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Supacrypt.Perf.Hosting;

/// <summary>
/// One of the services (Supacrypt.Backend.dll, Supacrypt.KeyVaultEmulator.dll) from this tool's output directory, or
/// from the full path given, as a real process, configured by environment variables only, its console output going to /dev/null (written in full,
/// as a container's would be, but read by nobody on these cores).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _workingDirectory;

    private ServiceProcess(Process process, string workingDirectory, long startedTimestamp)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        StartedTimestamp = startedTimestamp;
    }

    public int Id => _process.Id;

    /// <summary>When the process was started, as a <see cref="Stopwatch"/> timestamp.</summary>
    public long StartedTimestamp { get; }

    public static ServiceProcess Start(string assembly, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        // An empty working directory, so no appsettings.json is found and the environment alone configures the service.
        var workingDirectory = Directory.CreateTempSubdirectory("supacrypt-perf-").FullName;
        // exec: the shell, then env, becomes the service, so the process id is the service's own. The settings go
        // through env(1) as arguments, not through the shell's environment: a POSIX shell drops variables whose names
        // are not identifiers, such as Logging__LogLevel__Microsoft.AspNetCore, and the service would then log at
        // levels it does not ship with.
        var start = new ProcessStartInfo("sh")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        string[] arguments =
        [
            "-c", "exec env \"$@\" >/dev/null 2>&1", "supacrypt-perf-service",
            .. environment.Select(setting => $"{setting.Key}={setting.Value}"),
            .. Command(Path.Combine(AppContext.BaseDirectory, assembly)),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{assembly} did not start.");
        return new ServiceProcess(process, workingDirectory, started);
    }

    /// <summary>An assembly runs under dotnet; anything else is an executable (a self-contained or NativeAOT publish).</summary>
    private static string[] Command(string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ["dotnet", path] : [path];

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200; returns the time from process start.</summary>
    public async Task<TimeSpan> WaitUntilOkAsync(Uri url, TimeSpan deadline)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = Stopwatch.GetTimestamp() + (long)(deadline.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with code {_process.ExitCode} before {url} answered.");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(StartedTimestamp);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{url} did not answer 200 within {deadline.TotalSeconds} s.");
    }

    /// <summary>Processor time (user and kernel) the process has used since it started.</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Resident memory in MiB, read from /proc: all of it (VmRSS) and its three parts.</summary>
    public ResidentMemory ResidentMebibytes()
    {
        var fields = File.ReadLines($"/proc/{_process.Id}/status")
            .Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2 && pair[0] is "VmRSS" or "RssAnon" or "RssFile" or "RssShmem")
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0, StringComparer.Ordinal);
        return new ResidentMemory(
            fields.TryGetValue("VmRSS", out var total) ? total : throw new InvalidOperationException("VmRSS not found in /proc status."),
            fields.GetValueOrDefault("RssAnon", double.NaN),
            fields.GetValueOrDefault("RssFile", double.NaN),
            fields.GetValueOrDefault("RssShmem", double.NaN));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("sh", ["-c", $"kill -TERM {_process.Id.ToString(CultureInfo.InvariantCulture)}"]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        Directory.Delete(_workingDirectory, recursive: true);
    }
}

/// <summary>
/// Resident memory in MiB: all of it, and its parts: private data (the managed heap, the runtime's own), mapped files
/// (the runtime and assemblies, shared with every process that maps them and reclaimable), and shared memory (with
/// W^X on, the runtime maps its executable code a second time through a memory file).
/// </summary>
public readonly record struct ResidentMemory(double Total, double Anonymous, double File, double Shared)
{
    public static ResidentMemory Larger(ResidentMemory left, ResidentMemory right) => right.Total > left.Total ? right : left;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Total:F0} MiB VmRSS: {Anonymous:F0} MiB private (RssAnon), {File:F0} MiB mapped runtime and assembly files (RssFile), {Shared:F0} MiB code mapped twice for W^X (RssShmem)");
}
