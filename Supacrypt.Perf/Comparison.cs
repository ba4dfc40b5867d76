using System.Globalization;
using Supacrypt.Benchmarking;
using Supacrypt.Perf.Hosting;
using Supacrypt.V1;

namespace Supacrypt.Perf;

/// <summary>
/// A comparison of backends (builds, or one build with different settings), each with its own emulator, in
/// alternating slices so that all see the same background load on a shared machine: backend processor time, managed
/// allocation and throughput per call for forwarded RSA-2048 SignData (16 callers) and, unless left out, local P-256
/// VerifySignature (32 callers), and the highest resident memory.
/// </summary>
public sealed class Comparison(IReadOnlyList<Side> sides, TimeSpan slice, int slices, bool verify = true)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);

    public async Task<IReadOnlyList<SideResult>> RunAsync()
    {
        var contenders = new List<Contender>();
        try
        {
            foreach (var side in sides)
            {
                contenders.Add(await Contender.StartAsync(side));
            }

            foreach (var contender in contenders)
            {
                await LoadLoop.RunAsync(new LoadPlan(16, WarmUp), (_, _) => contender.Sign());
                if (verify)
                {
                    await LoadLoop.RunAsync(new LoadPlan(32, WarmUp / 4), (_, _) => contender.Verify());
                }
            }

            for (var i = 0; i < slices; i++)
            {
                // Who goes first alternates too, so no side always follows another's burst.
                foreach (var contender in i % 2 == 0 ? contenders : Enumerable.Reverse(contenders))
                {
                    await contender.MeasureAsync(contender.Signs, 16, contender.Sign, slice);
                    if (verify)
                    {
                        await contender.MeasureAsync(contender.Verifies, 32, contender.Verify, slice);
                    }
                }
            }

            return contenders.Select(contender => new SideResult(
                contender.Side, contender.Signs.PerCall(), verify ? contender.Verifies.PerCall() : null, contender.PeakResident, contender.PeakAnonymous)).ToList();
        }
        finally
        {
            foreach (var contender in contenders)
            {
                await contender.DisposeAsync();
            }
        }
    }

    /// <summary>Prints what <see cref="RunAsync"/> returned as a tab-separated table, one line per side.</summary>
    public void Print(TextWriter output, IReadOnlyList<SideResult> results)
    {
        output.WriteLine($"{slices} slices of {slice.TotalSeconds:F0} s per operation and side");
        output.WriteLine("side\tSignData µs/call\tKB/call\tcalls/s\tVerifySignature µs/call\tKB/call\tcalls/s\tpeak VmRSS MiB\tRssAnon MiB");
        foreach (var result in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Side.Name}\t{result.Sign}\t{(object?)result.Verify ?? "-\t-\t-"}\t{result.PeakResident:F0}\t{result.PeakAnonymous:F0}"));
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

        public PerCall PerCall() =>
            new(_processorTime.TotalMicroseconds / _calls, _bytes / _calls / 1000, _calls / _duration.TotalSeconds);
    }
}

/// <summary>One operation's figures for one side: backend processor µs and KB allocated per call, calls per second.</summary>
public sealed record PerCall(double Microseconds, double Kilobytes, double PerSecond)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Microseconds:F0}\t{Kilobytes:F1}\t{PerSecond:F0}");
}

/// <summary>What a comparison measured for one side; <see cref="Verify"/> is null when verification was left out.</summary>
public sealed record SideResult(Side Side, PerCall Sign, PerCall? Verify, double PeakResident, double PeakAnonymous);

/// <summary>One side of a comparison: a name, the backend assembly to run and the settings that differ.</summary>
public sealed record Side(string Name, string BackendAssembly, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The backend this tool measures unless told otherwise: the one built beside it.</summary>
    public const string ShippedBackend = "Supacrypt.Backend.dll";
}
