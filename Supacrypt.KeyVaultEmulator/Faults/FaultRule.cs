using System.Text.Json.Serialization;

namespace Supacrypt.KeyVaultEmulator.Faults;

/// <summary>
/// A queued fault: the next <see cref="Count"/> matching requests are delayed by <see cref="DelayMilliseconds"/> (or,
/// with <see cref="Hold"/>, held until the faults are cleared) and, when <see cref="Status"/> is set, answered with
/// that status and Key Vault's error body instead of being served.
/// </summary>
public sealed class FaultRule
{
    [JsonPropertyName("status")] public int? Status { get; set; }
    [JsonPropertyName("retryAfterSeconds")] public int? RetryAfterSeconds { get; set; }
    [JsonPropertyName("count")] public int Count { get; set; } = 1;

    /// <summary>A Key Vault operation name (sign, decrypt, create, get…) or null for any operation.</summary>
    [JsonPropertyName("operation")] public string? Operation { get; set; }
    [JsonPropertyName("delayMilliseconds")] public int DelayMilliseconds { get; set; }

    /// <summary>Closes the connection without an answer (after any delay or hold), as a failing network does.</summary>
    [JsonPropertyName("drop")] public bool Drop { get; set; }

    /// <summary>Keeps each request waiting until <c>DELETE /_emulator/faults</c> (at most two minutes): calls in flight on cue.</summary>
    [JsonPropertyName("hold")] public bool Hold { get; set; }
}
