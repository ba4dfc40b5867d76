using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>Validation of caller-supplied key_ops and attributes.</summary>
public static class KeyAttributeRules
{
    public static IReadOnlyList<string> ValidateOperations(IList<string>? requested, string kty)
    {
        if (requested is null)
        {
            return KeyTypes.DefaultOperations(kty);
        }

        foreach (var operation in requested)
        {
            if (!KeyTypes.Operations.Contains(operation, StringComparer.Ordinal))
            {
                throw KeyVaultErrors.BadParameter(
                    $"The key operation '{operation}' is not valid; use any of {string.Join(", ", KeyTypes.Operations)}.");
            }

            if (KeyTypes.IsEc(kty) && operation is "encrypt" or "decrypt" or "wrapKey" or "unwrapKey")
            {
                throw KeyVaultErrors.BadParameter($"The key operation '{operation}' is not valid for an {kty} key.");
            }
        }

        return [.. requested.Distinct(StringComparer.Ordinal)];
    }

    public static void ValidateValidity(long? notBefore, long? expires)
    {
        if (notBefore is { } nbf && expires is { } exp && exp <= nbf)
        {
            throw KeyVaultErrors.BadParameter("The key's expiry (exp) must be later than its activation (nbf).");
        }
    }

    public static IReadOnlyDictionary<string, string>? ValidateTags(IDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Count > 15)
        {
            throw KeyVaultErrors.BadParameter("A key can have at most 15 tags.");
        }

        foreach (var (name, value) in tags)
        {
            if (name.Length > 512 || (value?.Length ?? 0) > 512)
            {
                throw KeyVaultErrors.BadParameter("Tag names and values are limited to 512 characters.");
            }
        }

        return new Dictionary<string, string>(tags);
    }
}
