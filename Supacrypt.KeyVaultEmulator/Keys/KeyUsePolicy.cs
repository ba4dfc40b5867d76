using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>Whether a key version may be used for an operation right now, checked in Key Vault's order.</summary>
public static class KeyUsePolicy
{
    /// <summary>Operations that need the private key; Key Vault refuses only these on a disabled key.</summary>
    private static readonly string[] PrivateKeyOperations = ["sign", "decrypt", "unwrapKey"];

    public static void Ensure(KeyVersionRecord key, string operation, long now)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.KeyOps.Contains(operation, StringComparer.Ordinal))
        {
            throw KeyVaultErrors.OperationNotPermitted(operation);
        }

        if (!PrivateKeyOperations.Contains(operation))
        {
            return;
        }

        if (!key.Enabled)
        {
            throw KeyVaultErrors.KeyDisabled(operation);
        }

        if (key.NotBefore is { } nbf && now < nbf)
        {
            throw KeyVaultErrors.KeyNotYetValid(operation);
        }

        if (key.Expires is { } exp && now >= exp)
        {
            throw KeyVaultErrors.KeyExpired(operation);
        }
    }
}
