using System.Globalization;
using Supacrypt.Benchmarking;
using Supacrypt.Perf.Hosting;
using Supacrypt.V1;

namespace Supacrypt.Perf;

/// <summary>
/// An A/B comparison of two backends (two builds, or one build with different settings), each with its own emulator,
/// in alternating slices so that both see the same background load on a shared machine: backend processor time,
/// managed allocation and throughput per call for forwarded RSA-2048 SignData (16 callers) and local P-256
/// VerifySignature (32 callers), and the highest resident memory.
/// </summary>
public sealed class Comparison(TextWriter output, Side a, Side b, TimeSpan slice, int slices)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);

    public async Task RunAsync()
    {
        await using var first = await Contender.StartAsync(a);
        await using var second = await Contender.StartAsync(b);
        Contender[] both = [first, second];
        foreach (var contender in both)
        {
            await LoadLoop.RunAsync(new LoadPlan(16, WarmUp), (_, _) => contender.Sign());
            await LoadLoop.RunAsync(new LoadPlan(32, WarmUp / 4), (_, _) => contender.Verify());
        }

        for (var i = 0; i < slices; i++)
        {
            // Who goes first alternates too, so neither side always follows the other's burst.
            foreach (var contender in i % 2 == 0 ? both : both.Reverse())
            {
                await contender.MeasureAsync(contender.Signs, 16, contender.Sign, slice);
                await contender.MeasureAsync(contender.Verifies, 32, contender.Verify, slice);
            }
        }

        output.WriteLine($"{slices} slices of {slice.TotalSeconds:F0} s per operation and side");
        output.WriteLine("side\tSignData µs/call\tKB/call\tcalls/s\tVerifySignature µs/call\tKB/call\tcalls/s\tpeak VmRSS MiB\tRssAnon MiB");
        foreach (var contender in both)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{contender.Side.Name}\t{contender.Signs.Describe()}\t{contender.Verifies.Describe()}\t{contender.PeakResident:F0}\t{contender.PeakAnonymous:F0}"));
        }
    }

    private sealed class Contender : IAsyncDisposable
    {
        private readonly SupacryptSystem _system;
        private readonly AllocationRate _allocations;

        private Contender(Side side, SupacryptSystem system, Func<Task<string?>> sign, Func<Task<string?>> verify)
        {
            Side = side;
            _system = system;
            Sign = sign;
            Verify = verify;
            _allocations = AllocationRate.Watch(system.Backend!.Id);
        }

        public Side Side { get; }

        public Func<Task<string?>> Sign { get; }

        public Func<Task<string?>> Verify { get; }

        public Totals Signs { get; } = new();

        public Totals Verifies { get; } = new();

        public double PeakResident { get; private set; }

        public double PeakAnonymous { get; private set; }

        public static async Task<Contender> StartAsync(Side side)
        {
            var system = await SupacryptSystem.StartAsync(side.Settings, side.BackendAssembly);
            var rsa = await PerfCalls.GenerateAsync(system, PerfCalls.ContractRequest("ab-rsa", KeyAlgorithm.Rsa));
            var ec = await PerfCalls.GenerateAsync(system, PerfCalls.ContractRequest("ab-ec", KeyAlgorithm.Ecc));
            return new Contender(side, system, PerfCalls.Sign(system, rsa), await PerfCalls.VerifyAsync(system, ec));
        }

        public async Task MeasureAsync(Totals totals, int concurrency, Func<Task<string?>> call, TimeSpan duration)
        {
            var cpu = _system.Backend!.ProcessorTime();
            var from = DateTime.UtcNow;
            var result = await LoadLoop.RunAsync(new LoadPlan(concurrency, duration), (_, _) => call());
            var to = DateTime.UtcNow;
            totals.Add(result, _system.Backend.ProcessorTime() - cpu, _allocations.BytesPerSecond(from, to) * (to - from).TotalSeconds);
            var resident = _system.Backend.ResidentMebibytes();
            (PeakResident, PeakAnonymous) = (Math.Max(PeakResident, resident.Total), Math.Max(PeakAnonymous, resident.Anonymous));
        }

        public async ValueTask DisposeAsync()
        {
            await _allocations.DisposeAsync();
            await _system.DisposeAsync();
        }
    }

    private sealed class Totals
    {
        private long _calls;
        private TimeSpan _duration;
        private TimeSpan _processorTime;
        private double _bytes;

        public void Add(LoadResult result, TimeSpan processorTime, double bytes)
        {
            _calls += result.Outcomes.Values.Sum();
            _duration += result.Duration;
            _processorTime += processorTime;
            // A slice too short for two counter intervals reports no allocation; it then counts as none rather than NaN.
            _bytes += double.IsNaN(bytes) ? 0 : bytes;
        }

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{_processorTime.TotalMicroseconds / _calls:F0}\t{_bytes / _calls / 1000:F1}\t{_calls / _duration.TotalSeconds:F0}");
    }
}

/// <summary>One side of a comparison: a name, the backend assembly to run and the settings that differ.</summary>
public sealed record Side(string Name, string BackendAssembly, IReadOnlyDictionary<string, string> Settings);
