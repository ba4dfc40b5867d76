using Supacrypt.KeyVaultEmulator.Json;
using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>Maps stored keys to Key Vault's wire shapes.</summary>
public static class KeyBundles
{
    public static KeyAttributesModel Attributes(KeyVersionRecord key, EmulatorOptions vault) => new()
    {
        Enabled = key.Enabled, NotBefore = key.NotBefore, Expires = key.Expires, Created = key.Created,
        Updated = key.Updated, RecoveryLevel = RecoveryLevelFor(vault), RecoverableDays = vault.RecoverableDays,
    };

    // Key Vault reports a retention shorter than its 90-day default as "customized", and purge protection by
    // dropping "+Purgeable": then only the retention period's end purges a deleted key.
    private static string RecoveryLevelFor(EmulatorOptions vault) =>
        (vault.RecoverableDays == 90 ? "Recoverable" : "CustomizedRecoverable") + (vault.PurgeProtection ? "" : "+Purgeable");

    public static KeyBundleModel Bundle(HttpRequest request, string name, KeyVersionRecord key, EmulatorOptions vault) => new()
    {
        Key = key.Material.ToPublicJwk(VaultUrls.KeyId(request, name, key.Version), key.Kty, key.KeyOps),
        Attributes = Attributes(key, vault),
        Tags = Tags(key),
    };

    public static DeletedKeyBundleModel DeletedBundle(HttpRequest request, KeyRecord record, EmulatorOptions vault) => new()
    {
        Key = record.Latest.Material.ToPublicJwk(
            VaultUrls.KeyId(request, record.Name, record.Latest.Version), record.Latest.Kty, record.Latest.KeyOps),
        Attributes = Attributes(record.Latest, vault),
        Tags = Tags(record.Latest),
        RecoveryId = VaultUrls.RecoveryId(request, record.Name),
        DeletedDate = record.Deletion!.DeletedDate,
        ScheduledPurgeDate = record.Deletion.ScheduledPurgeDate,
    };

    public static KeyItemModel Item(HttpRequest request, string name, KeyVersionRecord key, bool withVersion, EmulatorOptions vault) => new()
    {
        Kid = VaultUrls.KeyId(request, name, withVersion ? key.Version : null),
        Attributes = Attributes(key, vault),
        Tags = Tags(key),
    };

    public static DeletedKeyItemModel DeletedItem(HttpRequest request, KeyRecord record, EmulatorOptions vault) => new()
    {
        Kid = VaultUrls.KeyId(request, record.Name),
        Attributes = Attributes(record.Latest, vault),
        Tags = Tags(record.Latest),
        RecoveryId = VaultUrls.RecoveryId(request, record.Name),
        DeletedDate = record.Deletion!.DeletedDate,
        ScheduledPurgeDate = record.Deletion.ScheduledPurgeDate,
    };

    private static Dictionary<string, string>? Tags(KeyVersionRecord key) =>
        key.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags) : null;
}
