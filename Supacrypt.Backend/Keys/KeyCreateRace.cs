using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.KeyVault.Models;

namespace Supacrypt.Backend.Keys;

/// <summary>
/// Key Vault has no create-if-absent: two replicas can both find a name free and both create it, each adding a
/// version. After creating, the backend lists the name's versions; when there is more than the one it made, it keeps
/// its answer only if its version is strictly the oldest (Key Vault's creation times have one-second resolution, so
/// a tie proves nothing), and otherwise disables the version it made and answers KEY_ALREADY_EXISTS. Key Vault cannot
/// delete one version, so the losing version stays, but disabled: an unversioned Sign or Decrypt, which Key Vault
/// resolves to the newest version, is then refused instead of reaching key material or key_ops the winner did not
/// choose. When both creates fall in the same second both callers are refused and both versions disabled.
/// </summary>
public sealed class KeyCreateRace(KeyVaultKeyClient client, PublicKeyCache cache, ILogger<KeyCreateRace> logger)
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
        await DisableAsync(created);
        logger.LogWarning(
            "GenerateKey for '{Name}' raced another writer: version {Rival} exists beside this call's version {Mine}, so this call is refused and its version is disabled",
            created.Name, rivalVersion, created.Version);
        var refusal = new KeyOperationException(
            KeyError.KeyAlreadyExists,
            $"A key named '{created.Name}' was created by another caller at the same moment; choose another name or delete it first.");
        refusal.Context["key_id"] = $"{created.Name}/{rivalVersion}";
        throw refusal;
    }

    // Not the caller's to cancel: a version left enabled would be the name's latest, usable by any unversioned call.
    private async Task DisableAsync(KeyDescription created)
    {
        try
        {
            await client.DisableKeyVersionAsync(created.Name, created.Version, CancellationToken.None);
        }
        catch (Exception exception) when (exception is KeyVaultException or Azure.RequestFailedException or OperationCanceledException)
        {
            logger.LogError(
                "GenerateKey for '{Name}' lost a race and could not disable its version {Mine}; disable it by hand (az keyvault key set-attributes --enabled false): {Reason}",
                created.Name, created.Version, exception.Message);
        }
        finally
        {
            // This replica may have read the losing version while it was enabled.
            cache.Evict(created.Name);
        }
    }
}
