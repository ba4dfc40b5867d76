using System.Text.Json.Serialization;

namespace Supacrypt.Backend.KeyVault.Models;

/// <summary>A key version as Key Vault returns it from create, get, update and (as a deleted key) delete.</summary>
public record KeyBundle
{
    [JsonPropertyName("key")] public JsonWebKey Key { get; init; } = new();
    [JsonPropertyName("attributes")] public KeyAttributes Attributes { get; init; } = new();
    [JsonPropertyName("tags")] public IReadOnlyDictionary<string, string>? Tags { get; init; }
    [JsonPropertyName("managed")] public bool? Managed { get; init; }
}

public sealed record DeletedKeyBundle : KeyBundle
{
    [JsonPropertyName("recoveryId")] public string? RecoveryId { get; init; }
    [JsonPropertyName("deletedDate")] public long? DeletedDate { get; init; }
    [JsonPropertyName("scheduledPurgeDate")] public long? ScheduledPurgeDate { get; init; }
}

/// <summary>One entry of a key listing: Key Vault lists names and attributes, not key material or types.</summary>
public sealed record KeyItem
{
    [JsonPropertyName("kid")] public string? Kid { get; init; }
    [JsonPropertyName("attributes")] public KeyAttributes Attributes { get; init; } = new();
    [JsonPropertyName("tags")] public IReadOnlyDictionary<string, string>? Tags { get; init; }
    [JsonPropertyName("managed")] public bool? Managed { get; init; }
}

public sealed record KeyListResult
{
    [JsonPropertyName("value")] public IReadOnlyList<KeyItem> Value { get; init; } = [];
    [JsonPropertyName("nextLink")] public string? NextLink { get; init; }
}
