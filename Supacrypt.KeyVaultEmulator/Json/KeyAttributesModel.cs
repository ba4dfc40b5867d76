using System.Text.Json.Serialization;

namespace Supacrypt.KeyVaultEmulator.Json;

/// <summary>Key attributes on the wire; times are Unix seconds.</summary>
public sealed class KeyAttributesModel
{
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("nbf")] public long? NotBefore { get; set; }
    [JsonPropertyName("exp")] public long? Expires { get; set; }
    [JsonPropertyName("created")] public long? Created { get; set; }
    [JsonPropertyName("updated")] public long? Updated { get; set; }
    [JsonPropertyName("recoveryLevel")] public string? RecoveryLevel { get; set; }
    [JsonPropertyName("recoverableDays")] public int? RecoverableDays { get; set; }
}
