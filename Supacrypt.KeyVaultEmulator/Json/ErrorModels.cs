using System.Text.Json.Serialization;

namespace Supacrypt.KeyVaultEmulator.Json;

/// <summary>Key Vault's error envelope: <c>{"error":{"code":...,"message":...,"innererror":{"code":...}}}</c>.</summary>
public sealed record ErrorResponseModel([property: JsonPropertyName("error")] ErrorModel Error);

public sealed record ErrorModel(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("innererror")] InnerErrorModel? InnerError);

public sealed record InnerErrorModel([property: JsonPropertyName("code")] string Code);
