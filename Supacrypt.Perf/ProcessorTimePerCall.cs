using System.Diagnostics;
using Supacrypt.Perf.Hosting;

namespace Supacrypt.Perf;

/// <summary>
/// Processor time (user and kernel) each process spent per call during a load run, in microseconds: the backend, the
/// emulator, and this process as the load generator. Everything runs on the same cores, so these add up to the cost
/// of one call on this machine.
/// </summary>
public sealed record ProcessorTimePerCall(double Backend, double Emulator, double LoadGenerator)
{
    public static ProcessorTimePerCall None { get; } = new(double.NaN, double.NaN, double.NaN);

    public double Total => Backend + Emulator + LoadGenerator;

    public static ProcessorTimePerCall Read(SupacryptSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        using var self = Process.GetCurrentProcess();
        return new(
            system.Backend!.ProcessorTime().TotalMicroseconds,
            system.Emulator.ProcessorTime().TotalMicroseconds,
            self.TotalProcessorTime.TotalMicroseconds);
    }

    public static ProcessorTimePerCall Between(ProcessorTimePerCall before, ProcessorTimePerCall after, long calls)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return calls == 0
            ? None
            : new((after.Backend - before.Backend) / calls, (after.Emulator - before.Emulator) / calls, (after.LoadGenerator - before.LoadGenerator) / calls);
    }

    public string Describe() =>
        $"{Total:F0} in all: emulator {Emulator:F0}, backend {Backend:F0}, load generator {LoadGenerator:F0}";
}
