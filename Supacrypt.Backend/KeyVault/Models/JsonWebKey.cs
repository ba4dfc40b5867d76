using System.Text.Json.Serialization;

namespace Supacrypt.Backend.KeyVault.Models;

/// <summary>The public members of a Key Vault JWK; Key Vault never returns private members and neither do we.</summary>
public sealed record JsonWebKey
{
    [JsonPropertyName("kid")] public string? Kid { get; init; }
    [JsonPropertyName("kty")] public string? Kty { get; init; }
    [JsonPropertyName("key_ops")] public IReadOnlyList<string>? KeyOps { get; init; }
    [JsonPropertyName("n"), JsonConverter(typeof(Base64UrlConverter))] public byte[]? N { get; init; }
    [JsonPropertyName("e"), JsonConverter(typeof(Base64UrlConverter))] public byte[]? E { get; init; }
    [JsonPropertyName("crv")] public string? Crv { get; init; }
    [JsonPropertyName("x"), JsonConverter(typeof(Base64UrlConverter))] public byte[]? X { get; init; }
    [JsonPropertyName("y"), JsonConverter(typeof(Base64UrlConverter))] public byte[]? Y { get; init; }
}
