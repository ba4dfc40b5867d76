using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>Whether a key version may be used for an operation right now, checked in Key Vault's order.</summary>
public static class KeyUsePolicy
{
    // Key Vault's documented rules: a disabled key performs no cryptographic operation; outside its nbf/exp window a
    // key still decrypts, unwraps and verifies (existing data stays readable) but no longer signs, encrypts or wraps.
    private static readonly string[] DateLimitedOperations = ["sign", "encrypt", "wrapKey"];

    public static void Ensure(KeyVersionRecord key, string operation, long now)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.KeyOps.Contains(operation, StringComparer.Ordinal))
        {
            throw KeyVaultErrors.OperationNotPermitted(operation);
        }

        if (!key.Enabled)
        {
            throw KeyVaultErrors.KeyDisabled(operation);
        }

        if (!DateLimitedOperations.Contains(operation))
        {
            return;
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
