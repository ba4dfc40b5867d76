using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Supacrypt.Benchmarking;
using Supacrypt.Perf.Hosting;
using Supacrypt.V1;

namespace Supacrypt.Perf;

/// <summary>
/// Measures figures (a) to (f) of docs/PERFORMANCE.md in one run and prints them as a Markdown table; with
/// <c>--update FILE</c> it also replaces the table between the figure markers in that file.
/// </summary>
public sealed class Figures(TextWriter output, TimeSpan measure)
{
    public const string StartMarker = "<!-- figures:start -->";
    public const string EndMarker = "<!-- figures:end -->";

    private static readonly ByteString Data = ByteString.CopyFromUtf8("supacrypt performance figures");
    private static readonly byte[] RawData = "supacrypt raw crypto baseline"u8.ToArray();
    // Long enough for tiered compilation to finish in all three processes: under full load on two cores it takes
    // well over 3 s, and code still being compiled would be measured as the services' cost.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    private readonly List<(string Figure, string Measured, string Target, string Verdict)> _rows = [];
    private double _peakResidentMebibytes;
    private ProcessorTimePerCall _lastCpu = ProcessorTimePerCall.None;

    public async Task<string> RunAsync()
    {
        Say($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {measure.TotalSeconds:F0} s per load run");
        var rawSign = RawPerSecond(BenchOperation.Sign, KeyShape.Rsa2048);
        var rawVerify = RawPerSecond(BenchOperation.Verify, KeyShape.P256);
        var rawEncrypt = RawPerSecond(BenchOperation.Encrypt, KeyShape.Rsa2048);
        Say($"raw in-process: RSA-2048 sign {rawSign:F0}/s, P-256 verify {rawVerify:F0}/s, RSA-2048 OAEP encrypt {rawEncrypt:F0}/s");

        await using var system = await SupacryptSystem.StartAsync();
        var rsa = await GenerateAsync(system, ContractRequest("perf-rsa", KeyAlgorithm.Rsa));
        var ec = await GenerateAsync(system, ContractRequest("perf-ec", KeyAlgorithm.Ecc));
        var sign = SignCall(system, rsa);

        // Once, before any figure: the backend compiles its request path under load for some 20 s on two cores.
        await LoadLoop.RunAsync(new LoadPlan(16, 2 * WarmUp), (_, _) => sign());

        var signed = await LoadAsync(system, 16, sign);
        var ratio = signed.PerSecond / rawSign;
        Add("(a) RSA-2048 SignData via backend and emulator, concurrency 16, ÷ raw in-process signing",
            $"{signed.PerSecond:F0}/s ÷ {rawSign:F0}/s = {ratio:F2} (p50 {signed.P50:F1} ms; {signed.OutcomeSummary})", "≥ 0.7", ratio >= 0.7);
        var rawSignCpu = Environment.ProcessorCount / rawSign * 1e6;
        Add("(a) where the processor time of one SignData went, in µs (raw signing alone: all cores ÷ raw rate)",
            $"{_lastCpu.Describe()}; raw signing {rawSignCpu:F0}", $"≤ {rawSignCpu / 0.7:F0} in all for 0.7", "—");
        var direct = await LoadAsync(system, 16, DirectSignCall(system, rsa));
        Add("(a) reference: the same Key Vault sign request straight to the emulator (no backend), concurrency 16, ÷ raw signing",
            $"{direct.PerSecond:F0}/s ÷ {rawSign:F0}/s = {direct.PerSecond / rawSign:F2}; processor µs per call: {_lastCpu.Describe()}",
            "the ceiling for (a) on these cores", "—");

        await LocalOperationAsync(system, "(b) P-256 VerifySignature", await VerifyCallAsync(system, ec), rawVerify);
        await LocalOperationAsync(system, "(b) RSA-2048 OAEP EncryptData", EncryptCall(system, rsa), rawEncrypt);

        await AddedLatencyAsync(system, rsa, sign, signed.PerSecond / 2);
        await QuotaAsync(system, sign);
        Add("(e) backend resident memory, highest sample during the load runs above", $"{_peakResidentMebibytes:F0} MiB", "≤ 200 MiB", _peakResidentMebibytes <= 200);

        await system.RestartBackendAsync(new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" });
        await LoadLoop.RunAsync(new LoadPlan(16, 2 * WarmUp), (_, _) => sign());
        var quiet = await LoadAsync(system, 16, sign);
        Add("audit log cost: (a) again with logging at Warning (no audit line)",
            $"{quiet.PerSecond:F0}/s = {quiet.PerSecond / signed.PerSecond:F2}× the default's {signed.PerSecond:F0}/s", "none (a measurement)", "—");

        var starts = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await system.RestartBackendAsync(new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information" });
            starts.Add(system.BackendStartToReady.TotalSeconds);
        }

        starts.Sort();
        Add("(f) backend process start to /health/ready answering 200 (median of 3)", $"{starts[1]:F2} s (all: {string.Join(", ", starts.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))})", "≤ 3 s", starts[1] <= 3);
        return Table();
    }

    private async Task LocalOperationAsync(SupacryptSystem system, string name, Func<Task<string?>> call, double raw)
    {
        await call();
        var before = await system.VaultRequestsAsync();
        var result = await LoadAsync(system, 32, call);
        var vaultCalls = await system.VaultRequestsAsync() - before;
        Add($"{name} via backend, concurrency 32; Key Vault requests during the run",
            $"{result.PerSecond:F0}/s (raw {raw:F0}/s; p50 {result.P50:F1} ms); {vaultCalls} vault requests for {result.Succeeded} calls; processor µs per call: {_lastCpu.Describe()}",
            "≥ 10,000/s, no vault call", result.PerSecond >= 10_000 && vaultCalls == 0);
    }

    // Alternating short slices, so both sides see the same background load on a shared machine.
    private async Task AddedLatencyAsync(SupacryptSystem system, GenerateKeySuccess rsa, Func<Task<string?>> sign, double rate)
    {
        const int Slices = 5;
        var direct = DirectSignCall(system, rsa);
        var slice = measure / Slices;
        await LoadLoop.RunAsync(new LoadPlan(8, WarmUp) { RatePerSecond = rate }, (_, _) => direct());
        await LoadLoop.RunAsync(new LoadPlan(8, WarmUp) { RatePerSecond = rate }, (_, _) => sign());
        var emulatorSlices = new List<LoadResult>();
        var backendSlices = new List<LoadResult>();
        for (var i = 0; i < Slices; i++)
        {
            emulatorSlices.Add(await LoadLoop.RunAsync(new LoadPlan(8, slice) { RatePerSecond = rate }, (_, _) => direct()));
            backendSlices.Add(await LoadLoop.RunAsync(new LoadPlan(8, slice) { RatePerSecond = rate }, (_, _) => sign()));
            Sample(system);
        }

        var (emulator, backend) = (LoadResult.Combine(emulatorSlices), LoadResult.Combine(backendSlices));
        var added = backend.P99 - emulator.P99;
        Add($"(d) p99 the backend adds over the emulator alone, RSA-2048 sign at {rate:F0}/s (half of (a)), {Slices} alternating slices each",
            $"{added:F2} ms (p99 {backend.P99:F2} ms via backend, {emulator.P99:F2} ms emulator alone; p50 {backend.P50:F2} vs {emulator.P50:F2} ms)",
            "≤ 2 ms", added < 0 ? "inconclusive: the emulator alone was slower, so background load dominated" : added <= 2 ? "met" : "missed");
    }

    private async Task QuotaAsync(SupacryptSystem system, Func<Task<string?>> sign)
    {
        await system.SetLoadAsync(new { throttling = true, latencyMilliseconds = 20 });
        const double Quota = 4_000 / 10.0;
        var duration = TimeSpan.FromSeconds(Math.Max(30, measure.TotalSeconds));
        var result = await LoadLoop.RunAsync(new LoadPlan(32, duration), (_, _) => sign());
        Sample(system);
        await system.SetLoadAsync(new { });
        var share = result.PerSecond / Quota;
        var others = result.Outcomes.Keys.Where(outcome => outcome is not (LoadResult.Ok or "ResourceExhausted")).ToArray();
        Add("(c) RSA-2048 sign, emulator at 20 ms latency and the standard quota (400/s), concurrency 32, 30 s",
            $"{result.PerSecond:F0}/s = {share:P0} of the quota; {result.OutcomeSummary}", "≥ 95%, only RESOURCE_EXHAUSTED",
            share >= 0.95 && others.Length == 0);
    }

    private async Task<LoadResult> LoadAsync(SupacryptSystem system, int concurrency, Func<Task<string?>> call, double? rate = null)
    {
        await LoadLoop.RunAsync(new LoadPlan(concurrency, WarmUp) { RatePerSecond = rate }, (_, _) => call());
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                Sample(system);
                await Task.Delay(500, CancellationToken.None);
            }
        });
        var before = ProcessorTimePerCall.Read(system);
        var result = await LoadLoop.RunAsync(new LoadPlan(concurrency, measure) { RatePerSecond = rate }, (_, _) => call());
        var after = ProcessorTimePerCall.Read(system);
        await sampling.CancelAsync();
        await sampler;
        _lastCpu = ProcessorTimePerCall.Between(before, after, result.Outcomes.Values.Sum());
        return result;
    }

    private void Sample(SupacryptSystem system) =>
        _peakResidentMebibytes = Math.Max(_peakResidentMebibytes, system.Backend!.ResidentMebibytes());

    private static GenerateKeyRequest ContractRequest(string name, KeyAlgorithm algorithm) => new()
    {
        Version = 1,
        Name = $"{name}-{Guid.NewGuid():N}",
        Algorithm = algorithm,
        Parameters = algorithm == KeyAlgorithm.Rsa
            ? new KeyParameters { RsaParams = new Supacrypt.V1.RSAParameters { KeySize = RSAKeySize._2048 } }
            : new KeyParameters { EccParams = new ECCParameters { Curve = ECCCurve.P256 } },
    };

    private static async Task<GenerateKeySuccess> GenerateAsync(SupacryptSystem system, GenerateKeyRequest request)
    {
        var response = await system.Client.GenerateKeyAsync(request);
        return response.ResultCase == GenerateKeyResponse.ResultOneofCase.Success
            ? response.Success
            : throw new InvalidOperationException($"GenerateKey failed: {response.Error.Code} {response.Error.Message}");
    }

    private static Func<Task<string?>> SignCall(SupacryptSystem system, GenerateKeySuccess key)
    {
        var request = new SignDataRequest { Version = 1, KeyId = key.Metadata.Name, Data = Data };
        return async () =>
        {
            var response = await system.Client.SignDataAsync(request);
            return response.ResultCase == SignDataResponse.ResultOneofCase.Success ? null : response.Error.Code.ToString();
        };
    }

    private static async Task<Func<Task<string?>>> VerifyCallAsync(SupacryptSystem system, GenerateKeySuccess key)
    {
        var signed = await system.Client.SignDataAsync(new SignDataRequest { Version = 1, KeyId = key.Metadata.Name, Data = Data });
        var request = new VerifySignatureRequest { Version = 1, KeyId = key.Metadata.Name, Data = Data, Signature = signed.Success.Signature };
        return async () =>
        {
            var response = await system.Client.VerifySignatureAsync(request);
            return response.ResultCase != VerifySignatureResponse.ResultOneofCase.Success ? response.Error.Code.ToString()
                : response.Success.IsValid ? null : "InvalidSignature";
        };
    }

    private static Func<Task<string?>> EncryptCall(SupacryptSystem system, GenerateKeySuccess key)
    {
        var request = new EncryptDataRequest { Version = 1, KeyId = key.Metadata.Name, Plaintext = Data };
        return async () =>
        {
            var response = await system.Client.EncryptDataAsync(request);
            return response.ResultCase == EncryptDataResponse.ResultOneofCase.Success ? null : response.Error.Code.ToString();
        };
    }

    // The same Key Vault request the backend sends for a SignData call, straight to the emulator.
    private static Func<Task<string?>> DirectSignCall(SupacryptSystem system, GenerateKeySuccess key)
    {
        var digest = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Data.Span));
        var path = new Uri($"keys/{key.Metadata.Name}/sign?api-version=7.5", UriKind.Relative);
        return async () =>
        {
            using var response = await system.Vault.PostAsJsonAsync(path, new { alg = "RS256", value = digest });
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        };
    }

    // The ceiling: the same cryptography in this process on every core, with the engine `supacrypt bench --baseline` uses.
    private double RawPerSecond(BenchOperation operation, KeyShape shape) =>
        RawLoop.Run(RawCrypto.Prepare(operation, shape, RawData), TimeSpan.Zero, measure).PerSecond;

    private void Add(string figure, string measured, string target, bool? met) =>
        Add(figure, measured, target, met switch { true => "met", false => "missed", null => "—" });

    private void Add(string figure, string measured, string target, string verdict)
    {
        _rows.Add((figure, measured, target, verdict));
        Say($"{figure}: {measured} [target {target}: {_rows[^1].Verdict}]");
    }

    private void Say(string line) => output.WriteLine(line);

    private string Table()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}), .NET {Environment.Version}, Release, {measure.TotalSeconds:F0} s per load run.");
        table.AppendLine();
        table.AppendLine("| figure | measured | target | |");
        table.AppendLine("|---|---|---|---|");
        foreach (var (figure, measured, target, verdict) in _rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {measured} | {target} | {verdict} |");
        }

        return table.ToString();
    }
}
