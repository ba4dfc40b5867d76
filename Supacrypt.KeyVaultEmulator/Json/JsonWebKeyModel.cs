using System.Text.Json.Serialization;

namespace Supacrypt.KeyVaultEmulator.Json;

/// <summary>
/// A JSON web key as Key Vault sends and accepts it. Responses only ever fill the public members;
/// the private members exist for the import request.
/// </summary>
public sealed class JsonWebKeyModel
{
    [JsonPropertyName("kid")] public string? Kid { get; set; }
    [JsonPropertyName("kty")] public string? Kty { get; set; }
    [JsonPropertyName("key_ops")] public IList<string>? KeyOps { get; set; }
    [JsonPropertyName("n")] public string? N { get; set; }
    [JsonPropertyName("e")] public string? E { get; set; }
    [JsonPropertyName("crv")] public string? Crv { get; set; }
    [JsonPropertyName("x")] public string? X { get; set; }
    [JsonPropertyName("y")] public string? Y { get; set; }
    [JsonPropertyName("d")] public string? D { get; set; }
    [JsonPropertyName("p")] public string? P { get; set; }
    [JsonPropertyName("q")] public string? Q { get; set; }
    [JsonPropertyName("dp")] public string? DP { get; set; }
    [JsonPropertyName("dq")] public string? DQ { get; set; }
    [JsonPropertyName("qi")] public string? QI { get; set; }
}
