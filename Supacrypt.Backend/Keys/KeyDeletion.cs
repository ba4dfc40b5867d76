using Microsoft.Extensions.Options;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.KeyVault.Models;

namespace Supacrypt.Backend.Keys;

public sealed record DeletedKey(string Name, DateTimeOffset DeletedAt);

/// <summary>DeleteKey: a soft delete; with <c>force</c> also a purge, where the vault's recovery level allows one.</summary>
public sealed class KeyDeletion(KeyVaultKeyClient client, PublicKeyCache cache, IOptions<KeyVaultOptions> options, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<DeletedKey> DeleteAsync(KeyReference reference, bool force, CancellationToken cancellationToken)
    {
        if (reference.Version is not null)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, "DeleteKey deletes a key with all its versions; give the key name without a version.");
        }

        if (force)
        {
            await EnsurePurgeAllowedAsync(reference.Name, cancellationToken);
        }

        DeletedKeyBundle deleted;
        try
        {
            deleted = await client.DeleteKeyAsync(reference.Name, cancellationToken);
        }
        catch (KeyVaultException exception) when (exception.Status == 404)
        {
            // A DELETE that went through but whose answer was lost, retried (by Azure.Core or by the caller), meets
            // 404: when the key is now soft-deleted, that is the success the caller asked for.
            deleted = await DeletedStateAsync(reference.Name, cancellationToken)
                ?? throw new KeyOperationException(KeyError.KeyNotFound, $"Key '{reference.Name}' was not found in the vault.", exception.ErrorCode);
        }
        finally
        {
            cache.Evict(reference.Name);
        }

        var deletedAt = deleted.DeletedDate is { } date ? DateTimeOffset.FromUnixTimeSeconds(date) : time.GetUtcNow();
        if (force)
        {
            await PurgeAsync(reference.Name, deleted.Attributes.RecoveryLevel, deleted.ScheduledPurgeDate, cancellationToken);
        }

        return new DeletedKey(reference.Name, deletedAt);
    }

    // With purge protection Key Vault would soft-delete and then refuse the purge; refuse before deleting anything.
    private async Task EnsurePurgeAllowedAsync(string name, CancellationToken cancellationToken)
    {
        KeyListResult versions;
        try
        {
            versions = await client.ListKeyVersionsAsync(name, 1, cancellationToken);
        }
        catch (KeyVaultException exception) when (exception.Status == 404)
        {
            return;
        }

        if (versions.Value is [{ Attributes.RecoveryLevel: { } level }, ..] && !level.Contains("Purgeable", StringComparison.Ordinal))
        {
            var refusal = new KeyOperationException(
                KeyError.OperationNotSupported,
                $"Key '{name}' was not deleted: the vault's recovery level '{level}' means purge protection, so it cannot be purged. Delete it without force to soft-delete it.");
            refusal.Context["deleted"] = "false";
            throw refusal;
        }
    }

    private async Task<DeletedKeyBundle?> DeletedStateAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetDeletedKeyAsync(name, cancellationToken);
        }
        catch (KeyVaultException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    private async Task PurgeAsync(string name, string? recoveryLevel, long? scheduledPurgeDate, CancellationToken cancellationToken)
    {
        var recoverableUntil = scheduledPurgeDate is { } purge ? $" It stays recoverable until {DateTimeOffset.FromUnixTimeSeconds(purge):O}." : "";
        if (recoveryLevel is not null && !recoveryLevel.Contains("Purgeable", StringComparison.Ordinal))
        {
            throw NotPurged(name, $"the vault's recovery level '{recoveryLevel}' does not allow purging.{recoverableUntil}");
        }

        if (recoveryLevel == "Purgeable")
        {
            return;
        }

        await WaitUntilDeletedAsync(name, cancellationToken);
        try
        {
            await client.PurgeDeletedKeyAsync(name, cancellationToken);
        }
        catch (KeyVaultException exception) when (exception.Status is 403 or 400 or 409)
        {
            throw NotPurged(name, $"the vault refused to purge it: {exception.Message}{recoverableUntil}");
        }
    }

    // Key Vault finishes a soft delete asynchronously; purging before it has finished answers 409.
    private async Task WaitUntilDeletedAsync(string name, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.Value.PurgeWaitTimeout;
        while (true)
        {
            try
            {
                await client.GetDeletedKeyAsync(name, cancellationToken);
                return;
            }
            catch (KeyVaultException exception) when (exception.Status == 404 && time.GetUtcNow() < deadline)
            {
                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }
    }

    private static KeyOperationException NotPurged(string name, string reason)
    {
        var exception = new KeyOperationException(KeyError.OperationNotSupported, $"Key '{name}' was deleted but not purged: {reason}");
        exception.Context["deleted"] = "true";
        return exception;
    }
}
