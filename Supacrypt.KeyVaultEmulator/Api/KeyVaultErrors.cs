namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>The refusals Key Vault sends, with its codes and (where public) its wording.</summary>
public static class KeyVaultErrors
{
    private const string RecoveryHint =
        "If you recently deleted this key you may be able to recover it using the correct recovery command. " +
        "For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182";

    public static KeyVaultException BadParameter(string message) =>
        new(StatusCodes.Status400BadRequest, "BadParameter", message);

    public static KeyVaultException KeyNotFound(string nameOrId) =>
        new(StatusCodes.Status404NotFound, "KeyNotFound",
            $"A key with (name/id) {nameOrId} was not found in this key vault. {RecoveryHint}");

    public static KeyVaultException DeletedKeyNotFound(string name) =>
        new(StatusCodes.Status404NotFound, "KeyNotFound", $"Deleted Key not found: {name}");

    public static KeyVaultException DeletedButRecoverable(string name) =>
        new(StatusCodes.Status409Conflict, "Conflict",
            $"Key {name} is currently in a deleted but recoverable state, and its name cannot be reused; " +
            "in this state, the key can only be recovered or purged.",
            "ObjectIsDeletedButRecoverable");

    public static KeyVaultException BeingPurged(string name) =>
        new(StatusCodes.Status409Conflict, "Conflict",
            $"Key {name} is currently being deleted; its name can be used again once the purge has finished.",
            "ObjectIsBeingDeleted");

    public static KeyVaultException PurgeProtected(string name) =>
        new(StatusCodes.Status403Forbidden, "Forbidden",
            $"Operation 'purge' is not allowed on key {name} because purge protection is enabled for this vault. " +
            "Key Vault will purge it automatically when its retention period ends.",
            "PurgeProtectionEnabled");

    public static KeyVaultException OperationNotPermitted(string operation) =>
        new(StatusCodes.Status403Forbidden, "Forbidden",
            $"Operation {operation} is not permitted on this key.", "KeyOperationForbidden");

    public static KeyVaultException KeyDisabled(string operation) =>
        new(StatusCodes.Status403Forbidden, "Forbidden",
            $"Operation {operation} is not allowed on a disabled key.", "KeyDisabled");

    public static KeyVaultException KeyNotYetValid(string operation) =>
        new(StatusCodes.Status403Forbidden, "Forbidden",
            $"Operation {operation} is not allowed on a key that is not yet valid (nbf is in the future).", "KeyNotYetValid");

    public static KeyVaultException KeyExpired(string operation) =>
        new(StatusCodes.Status403Forbidden, "Forbidden",
            $"Operation {operation} is not allowed on an expired key.", "KeyExpired");

    public static KeyVaultException MissingBearerToken() =>
        new(StatusCodes.Status401Unauthorized, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
}
