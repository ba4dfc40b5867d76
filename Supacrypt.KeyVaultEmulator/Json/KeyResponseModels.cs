using System.Text.Json.Serialization;

namespace Supacrypt.KeyVaultEmulator.Json;

/// <summary>A key with its public JWK, attributes and tags (Key Vault's KeyBundle).</summary>
public class KeyBundleModel
{
    [JsonPropertyName("key")] public required JsonWebKeyModel Key { get; init; }
    [JsonPropertyName("attributes")] public required KeyAttributesModel Attributes { get; init; }
    [JsonPropertyName("tags")] public IDictionary<string, string>? Tags { get; init; }
}

/// <summary>A soft-deleted key (Key Vault's DeletedKeyBundle).</summary>
public sealed class DeletedKeyBundleModel : KeyBundleModel
{
    [JsonPropertyName("recoveryId")] public required string RecoveryId { get; init; }
    [JsonPropertyName("deletedDate")] public long DeletedDate { get; init; }
    [JsonPropertyName("scheduledPurgeDate")] public long ScheduledPurgeDate { get; init; }
}

/// <summary>An entry in a key list: identifier and metadata, no key material.</summary>
public class KeyItemModel
{
    [JsonPropertyName("kid")] public required string Kid { get; init; }
    [JsonPropertyName("attributes")] public required KeyAttributesModel Attributes { get; init; }
    [JsonPropertyName("tags")] public IDictionary<string, string>? Tags { get; init; }
}

/// <summary>An entry in the deleted-key list.</summary>
public sealed class DeletedKeyItemModel : KeyItemModel
{
    [JsonPropertyName("recoveryId")] public required string RecoveryId { get; init; }
    [JsonPropertyName("deletedDate")] public long DeletedDate { get; init; }
    [JsonPropertyName("scheduledPurgeDate")] public long ScheduledPurgeDate { get; init; }
}

/// <summary>One page of a list; <c>nextLink</c> is null on the last page.</summary>
public sealed class PageModel<T>
{
    [JsonPropertyName("value")] public required IReadOnlyList<T> Value { get; init; }
    [JsonPropertyName("nextLink")] public string? NextLink { get; init; }
}

/// <summary>Result of sign, encrypt, decrypt, wrapkey and unwrapkey.</summary>
public sealed record KeyOperationResultModel(
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("value")] string Value);

/// <summary>Result of verify.</summary>
public sealed record KeyVerifyResultModel([property: JsonPropertyName("value")] bool Value);
