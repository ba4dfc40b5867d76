using System.Text.Json.Serialization;

namespace Supacrypt.KeyVaultEmulator.Json;

/// <summary>Body of <c>POST /keys/{name}/create</c>.</summary>
public sealed class KeyCreateParameters
{
    [JsonPropertyName("kty")] public string? Kty { get; set; }
    [JsonPropertyName("key_size")] public int? KeySize { get; set; }
    [JsonPropertyName("public_exponent")] public int? PublicExponent { get; set; }
    [JsonPropertyName("key_ops")] public IList<string>? KeyOps { get; set; }
    [JsonPropertyName("attributes")] public KeyAttributesModel? Attributes { get; set; }
    [JsonPropertyName("tags")] public IDictionary<string, string>? Tags { get; set; }
    [JsonPropertyName("crv")] public string? Curve { get; set; }
}

/// <summary>Body of <c>PUT /keys/{name}</c>.</summary>
public sealed class KeyImportParameters
{
    [JsonPropertyName("Hsm")] public bool? Hsm { get; set; }
    [JsonPropertyName("key")] public JsonWebKeyModel? Key { get; set; }
    [JsonPropertyName("attributes")] public KeyAttributesModel? Attributes { get; set; }
    [JsonPropertyName("tags")] public IDictionary<string, string>? Tags { get; set; }
}

/// <summary>Body of <c>PATCH /keys/{name}/{version}</c>.</summary>
public sealed class KeyUpdateParameters
{
    [JsonPropertyName("key_ops")] public IList<string>? KeyOps { get; set; }
    [JsonPropertyName("attributes")] public KeyAttributesModel? Attributes { get; set; }
    [JsonPropertyName("tags")] public IDictionary<string, string>? Tags { get; set; }
}

/// <summary>Body of encrypt, decrypt, wrapkey and unwrapkey.</summary>
public sealed class KeyOperationParameters
{
    [JsonPropertyName("alg")] public string? Algorithm { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
}

/// <summary>Body of sign.</summary>
public sealed class KeySignParameters
{
    [JsonPropertyName("alg")] public string? Algorithm { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
}

/// <summary>Body of verify: <c>digest</c> and <c>value</c> (the signature).</summary>
public sealed class KeyVerifyParameters
{
    [JsonPropertyName("alg")] public string? Algorithm { get; set; }
    [JsonPropertyName("digest")] public string? Digest { get; set; }
    [JsonPropertyName("value")] public string? Signature { get; set; }
}
