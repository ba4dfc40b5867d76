using System.ComponentModel;
using Spectre.Console.Cli;
using Supacrypt.Benchmarking;

namespace Supacrypt.Cli.Bench;

public sealed class BenchSettings : GlobalSettings
{
    [CommandOption("--operation <OPERATION>")]
    [Description("sign, verify, encrypt, decrypt or generate.")]
    [DefaultValue(BenchOperation.Sign)]
    public BenchOperation Operation { get; init; } = BenchOperation.Sign;

    [CommandOption("--key-name <NAME>")]
    [Description("An existing key to use; without it a key of --algorithm is created for the run and deleted after.")]
    public string? KeyName { get; init; }

    [CommandOption("--algorithm <SHAPE>")]
    [Description("p256 (default), p384, p521, rsa2048, rsa3072 or rsa4096.")]
    public KeyShape? Algorithm { get; init; }

    [CommandOption("-c|--concurrency <CALLS>")]
    [Description("Calls in flight at all times (closed loop: each worker starts its next call when the last one ends).")]
    [DefaultValue(16)]
    public int Concurrency { get; init; } = 16;

    [CommandOption("--connections <COUNT>")]
    [Description("HTTP/2 connections the workers share, one channel each.")]
    [DefaultValue(1)]
    public int Connections { get; init; } = 1;

    [CommandOption("-d|--duration <SECONDS>")]
    [Description("Measured time.")]
    [DefaultValue(10.0)]
    public double DurationSeconds { get; init; } = 10;

    [CommandOption("--warmup <SECONDS>")]
    [Description("Unmeasured time first (connections, JIT, caches).")]
    [DefaultValue(2.0)]
    public double WarmupSeconds { get; init; } = 2;

    [CommandOption("--payload <BYTES>")]
    [Description("Bytes signed or encrypted per call.")]
    [DefaultValue(32)]
    public int PayloadBytes { get; init; } = 32;

    [CommandOption("--baseline")]
    [Description("Also run the same operation with .NET in this process on all cores, and print service ÷ raw.")]
    public bool Baseline { get; init; }

    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);

    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);

    public override Spectre.Console.ValidationResult Validate()
    {
        if (Concurrency is < 1 or > 4096 || Connections < 1 || Connections > Concurrency)
        {
            return Spectre.Console.ValidationResult.Error("--concurrency must be 1 to 4096 and --connections 1 to --concurrency.");
        }

        if (DurationSeconds is <= 0 or > 86_400 || WarmupSeconds is < 0 or > 3_600)
        {
            return Spectre.Console.ValidationResult.Error("--duration must be positive (at most a day) and --warmup zero or more (at most an hour).");
        }

        if (PayloadBytes is < 1 or > 190)
        {
            // 190 bytes is what RSA-2048 with OAEP-SHA-256 can encrypt; signing hashes any size, but one bound keeps runs comparable.
            return Spectre.Console.ValidationResult.Error("--payload must be 1 to 190 bytes.");
        }

        if (KeyName is not null && Operation == BenchOperation.Generate)
        {
            return Spectre.Console.ValidationResult.Error("--key-name does not apply to generate, which creates keys of --algorithm.");
        }

        return base.Validate();
    }
}
