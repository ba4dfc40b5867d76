using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Supacrypt.KeyVaultEmulator.Load;

/// <summary>
/// How the emulator behaves under load, from <c>Emulator:Load</c> at start-up or <c>PUT /_emulator/faults/load</c> at
/// run time. Everything is off by default: an emulator that throttles or fails by surprise would only confuse.
/// </summary>
public sealed class LoadSettings
{
    public const string SectionName = "Emulator:Load";

    /// <summary>Answer 429 with Retry-After once Key Vault's documented per-10-second quota is spent (<see cref="VaultQuota"/>).</summary>
    [JsonPropertyName("throttling")]
    public bool Throttling { get; set; }

    /// <summary>Latency added to every Key Vault request before it is served.</summary>
    [JsonPropertyName("latencyMilliseconds")]
    [Range(0, 60_000)]
    public int LatencyMilliseconds { get; set; }

    /// <summary>Up to this much more latency, drawn uniformly per request.</summary>
    [JsonPropertyName("latencyJitterMilliseconds")]
    [Range(0, 60_000)]
    public int LatencyJitterMilliseconds { get; set; }

    /// <summary>Fraction of requests (0 to 1) answered 500 or 503 (half each) instead of being served.</summary>
    [JsonPropertyName("errorRate")]
    [Range(0.0, 1.0)]
    public double ErrorRate { get; set; }

    /// <summary>Fraction of requests (0 to 1) whose connection is dropped without an answer.</summary>
    [JsonPropertyName("dropRate")]
    [Range(0.0, 1.0)]
    public double DropRate { get; set; }

    [JsonIgnore]
    public bool IsOff => !Throttling && LatencyMilliseconds == 0 && LatencyJitterMilliseconds == 0 && ErrorRate == 0 && DropRate == 0;
}
