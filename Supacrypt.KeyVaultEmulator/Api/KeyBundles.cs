using Supacrypt.KeyVaultEmulator.Json;
using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>Maps stored keys to Key Vault's wire shapes.</summary>
public static class KeyBundles
{
    public static KeyAttributesModel Attributes(KeyVersionRecord key, int recoverableDays) => new()
    {
        Enabled = key.Enabled, NotBefore = key.NotBefore, Expires = key.Expires, Created = key.Created,
        Updated = key.Updated, RecoveryLevel = RecoveryLevelFor(recoverableDays), RecoverableDays = recoverableDays,
    };

    // Key Vault reports a retention shorter than its 90-day default as "customized".
    private static string RecoveryLevelFor(int recoverableDays) =>
        recoverableDays == 90 ? "Recoverable+Purgeable" : "CustomizedRecoverable+Purgeable";

    public static KeyBundleModel Bundle(HttpRequest request, string name, KeyVersionRecord key, int recoverableDays) => new()
    {
        Key = key.Material.ToPublicJwk(VaultUrls.KeyId(request, name, key.Version), key.Kty, key.KeyOps),
        Attributes = Attributes(key, recoverableDays),
        Tags = Tags(key),
    };

    public static DeletedKeyBundleModel DeletedBundle(HttpRequest request, KeyRecord record, int recoverableDays) => new()
    {
        Key = record.Latest.Material.ToPublicJwk(
            VaultUrls.KeyId(request, record.Name, record.Latest.Version), record.Latest.Kty, record.Latest.KeyOps),
        Attributes = Attributes(record.Latest, recoverableDays),
        Tags = Tags(record.Latest),
        RecoveryId = VaultUrls.RecoveryId(request, record.Name),
        DeletedDate = record.Deletion!.DeletedDate,
        ScheduledPurgeDate = record.Deletion.ScheduledPurgeDate,
    };

    public static KeyItemModel Item(HttpRequest request, string name, KeyVersionRecord key, bool withVersion, int recoverableDays) => new()
    {
        Kid = VaultUrls.KeyId(request, name, withVersion ? key.Version : null),
        Attributes = Attributes(key, recoverableDays),
        Tags = Tags(key),
    };

    public static DeletedKeyItemModel DeletedItem(HttpRequest request, KeyRecord record, int recoverableDays) => new()
    {
        Kid = VaultUrls.KeyId(request, record.Name),
        Attributes = Attributes(record.Latest, recoverableDays),
        Tags = Tags(record.Latest),
        RecoveryId = VaultUrls.RecoveryId(request, record.Name),
        DeletedDate = record.Deletion!.DeletedDate,
        ScheduledPurgeDate = record.Deletion.ScheduledPurgeDate,
    };

    private static Dictionary<string, string>? Tags(KeyVersionRecord key) =>
        key.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags) : null;
}
