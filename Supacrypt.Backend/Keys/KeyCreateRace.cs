using Supacrypt.Backend.KeyVault;
using Supacrypt.V1;

namespace Supacrypt.Backend.Keys;

/// <summary>
/// Key Vault has no create-if-absent: two replicas can both find a name free and both create it, each adding a
/// version. After creating, the backend lists the name's versions; when there is more than the one it made, it keeps
/// its answer only if its version is strictly the oldest (Key Vault's creation times have one-second resolution, so
/// a tie proves nothing), and otherwise answers KEY_ALREADY_EXISTS. What is left: the losing version stays in the vault
/// as the name's latest version (Key Vault cannot delete one version), the warning names it so an operator can act,
/// and when both creates fall in the same second both callers are refused.
/// </summary>
public sealed class KeyCreateRace(KeyVaultKeyClient client, ILogger<KeyCreateRace> logger)
{
    public async Task EnsureWonAsync(KeyDescription created, CancellationToken cancellationToken)
    {
        var versions = (await client.ListKeyVersionsAsync(created.Name, 25, cancellationToken)).Value;
        var mine = versions.FirstOrDefault(version => KeyIdentifier.VersionOf(version.Kid) == created.Version);
        var others = versions.Where(version => !ReferenceEquals(version, mine)).ToList();
        if (others.Count == 0)
        {
            return;
        }

        var rival = others.OrderBy(version => version.Attributes.Created ?? long.MaxValue).First();
        if (mine?.Attributes.Created is { } myCreation && myCreation < (rival.Attributes.Created ?? long.MaxValue))
        {
            return;
        }

        var rivalVersion = KeyIdentifier.VersionOf(rival.Kid);
        logger.LogWarning(
            "GenerateKey for '{Name}' raced another writer: version {Rival} exists beside this call's version {Mine}, so this call is refused and its version stays in the vault",
            created.Name, rivalVersion, created.Version);
        var refusal = new KeyOperationException(
            ErrorCode.KeyAlreadyExists,
            $"A key named '{created.Name}' was created by another caller at the same moment; choose another name or delete it first.");
        refusal.Context["key_id"] = $"{created.Name}/{rivalVersion}";
        throw refusal;
    }
}
