using System.Diagnostics;
using Google.Protobuf;
using Supacrypt.Benchmarking;
using Supacrypt.Perf.Hosting;
using Supacrypt.V1;

namespace Supacrypt.Perf;

/// <summary>
/// Long-running load against the emulator and backend processes: every interval prints throughput, outcomes, p99
/// and the backend's resident memory, so a leak or a slow decline shows as a trend.
/// </summary>
public sealed class Soak(TextWriter output, TimeSpan duration, TimeSpan interval, int concurrency, object? load)
{
    private static readonly ByteString Data = ByteString.CopyFromUtf8("supacrypt soak");

    public async Task RunAsync()
    {
        await using var system = await SupacryptSystem.StartAsync();
        if (load is not null)
        {
            await system.SetLoadAsync(load);
        }

        var key = await system.Client.GenerateKeyAsync(new GenerateKeyRequest
        {
            Version = 1,
            Name = $"soak-{Guid.NewGuid():N}",
            Algorithm = KeyAlgorithm.Ecc,
            Parameters = new KeyParameters { EccParams = new ECCParameters { Curve = ECCCurve.P256 } },
        });
        var request = new SignDataRequest { Version = 1, KeyId = key.Success.Metadata.Name, Data = Data };
        output.WriteLine($"soak: P-256 SignData, concurrency {concurrency}, {duration} in steps of {interval}, load model {System.Text.Json.JsonSerializer.Serialize(load)}");
        output.WriteLine("elapsed\tcalls/s\tp99 ms\tbackend RSS MiB\toutcomes");
        var started = Stopwatch.GetTimestamp();
        var totals = new Dictionary<string, long>();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            var step = await LoadLoop.RunAsync(new LoadPlan(concurrency, interval), async (_, cancellationToken) =>
            {
                var response = await system.Client.SignDataAsync(request, cancellationToken: cancellationToken);
                return response.ResultCase == SignDataResponse.ResultOneofCase.Success ? null : response.Error.Code.ToString();
            });
            foreach (var (outcome, count) in step.Outcomes)
            {
                totals[outcome] = totals.GetValueOrDefault(outcome) + count;
            }

            output.WriteLine($"{Stopwatch.GetElapsedTime(started):hh\\:mm\\:ss}\t{step.PerSecond:F0}\t{step.P99:F1}\t{system.Backend!.ResidentMebibytes().Total:F0}\t{step.OutcomeSummary}");
        }

        output.WriteLine($"total: {string.Join(", ", totals.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}"))}");
    }
}
