using System.Text.Json.Serialization;

namespace Supacrypt.Backend.KeyVault.Models;

/// <summary>Key Vault attributes; times are Unix seconds on the wire.</summary>
public sealed record KeyAttributes
{
    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }
    [JsonPropertyName("nbf")] public long? NotBefore { get; init; }
    [JsonPropertyName("exp")] public long? Expires { get; init; }
    [JsonPropertyName("created")] public long? Created { get; init; }
    [JsonPropertyName("updated")] public long? Updated { get; init; }
    [JsonPropertyName("recoveryLevel")] public string? RecoveryLevel { get; init; }
    [JsonPropertyName("recoverableDays")] public int? RecoverableDays { get; init; }
}
