using System.Text.Json.Serialization;

namespace Supacrypt.KeyVaultEmulator.Persistence;

/// <summary>The on-disk document. Only <see cref="PersistedVersion.Material"/> holds secrets, and it is encrypted.</summary>
public sealed class PersistedDocument
{
    [JsonPropertyName("format")] public int Format { get; set; } = 1;
    [JsonPropertyName("salt")] public string Salt { get; set; } = "";
    [JsonPropertyName("check")] public string Check { get; set; } = "";
    [JsonPropertyName("keys")] public List<PersistedKey> Keys { get; set; } = [];
}

public sealed class PersistedKey
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("deletedDate")] public long? DeletedDate { get; set; }
    [JsonPropertyName("scheduledPurgeDate")] public long? ScheduledPurgeDate { get; set; }
    [JsonPropertyName("versions")] public List<PersistedVersion> Versions { get; set; } = [];
}

public sealed class PersistedVersion
{
    [JsonPropertyName("version")] public string Version { get; set; } = "";
    [JsonPropertyName("kty")] public string Kty { get; set; } = "";
    [JsonPropertyName("keyOps")] public List<string> KeyOps { get; set; } = [];
    [JsonPropertyName("enabled")] public bool Enabled { get; set; }
    [JsonPropertyName("nbf")] public long? NotBefore { get; set; }
    [JsonPropertyName("exp")] public long? Expires { get; set; }
    [JsonPropertyName("created")] public long Created { get; set; }
    [JsonPropertyName("updated")] public long Updated { get; set; }
    [JsonPropertyName("tags")] public Dictionary<string, string>? Tags { get; set; }

    /// <summary>The private JWK as JSON, AES-GCM encrypted, base64url.</summary>
    [JsonPropertyName("material")] public string Material { get; set; } = "";
}
