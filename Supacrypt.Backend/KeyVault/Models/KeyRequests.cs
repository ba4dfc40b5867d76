using System.Text.Json.Serialization;

namespace Supacrypt.Backend.KeyVault.Models;

public sealed record KeyCreateParameters
{
    [JsonPropertyName("kty")] public required string Kty { get; init; }
    [JsonPropertyName("key_size")] public int? KeySize { get; init; }
    [JsonPropertyName("public_exponent")] public int? PublicExponent { get; init; }
    [JsonPropertyName("crv")] public string? Crv { get; init; }
    [JsonPropertyName("key_ops")] public IReadOnlyList<string>? KeyOps { get; init; }
    [JsonPropertyName("attributes")] public KeyAttributes? Attributes { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

/// <summary>The body of an update key request, as far as the backend sends one (disabling a version).</summary>
public sealed record KeyUpdateParameters
{
    [JsonPropertyName("attributes")] public KeyAttributes? Attributes { get; init; }
}

/// <summary>The body of sign, encrypt and decrypt.</summary>
public sealed record KeyOperationParameters
{
    [JsonPropertyName("alg")] public required string Algorithm { get; init; }
    [JsonPropertyName("value"), JsonConverter(typeof(Base64UrlConverter))] public required byte[] Value { get; init; }
}

public sealed record KeyOperationResult
{
    [JsonPropertyName("kid")] public string? Kid { get; init; }
    [JsonPropertyName("value"), JsonConverter(typeof(Base64UrlConverter))] public byte[] Value { get; init; } = [];
}

public sealed record KeyVaultErrorBody
{
    [JsonPropertyName("error")] public KeyVaultError? Error { get; init; }
}

public sealed record KeyVaultError
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("innererror")] public KeyVaultError? InnerError { get; init; }
}
