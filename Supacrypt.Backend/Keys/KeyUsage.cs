
namespace Supacrypt.Backend.Keys;

/// <summary>
/// Refuses an operation the key's state forbids, before any cryptography, by Key Vault's documented rules: local
/// verify and encrypt must honour them as Key Vault does for sign and decrypt.
/// </summary>
public static class KeyUsage
{
    // Outside its nbf/exp window a key no longer signs or encrypts, but still verifies and decrypts: data protected
    // while it was valid stays readable.
    private static readonly string[] DateLimitedOperations = ["sign", "encrypt", "wrapKey"];

    /// <param name="operation">A Key Vault key operation name: sign, verify, encrypt, decrypt, wrapKey, unwrapKey.</param>
    public static void EnsureAllowed(KeyDescription key, string operation, DateTimeOffset now)
    {
        var attributes = key.Bundle.Attributes;
        if (attributes.Enabled == false)
        {
            throw Refuse(key, operation, $"key '{key.Name}' is disabled; enable it in Key Vault before using it");
        }

        if (DateLimitedOperations.Contains(operation, StringComparer.OrdinalIgnoreCase))
        {
            if (attributes.NotBefore is { } notBefore && now < DateTimeOffset.FromUnixTimeSeconds(notBefore))
            {
                throw Refuse(key, operation, $"key '{key.Name}' is not valid before {DateTimeOffset.FromUnixTimeSeconds(notBefore):O}");
            }

            if (attributes.Expires is { } expires && now >= DateTimeOffset.FromUnixTimeSeconds(expires))
            {
                throw Refuse(key, operation, $"key '{key.Name}' expired at {DateTimeOffset.FromUnixTimeSeconds(expires):O}; create a new key or extend its expiry");
            }
        }

        if (key.Bundle.Key.KeyOps is { } permitted && !permitted.Contains(operation, StringComparer.OrdinalIgnoreCase))
        {
            throw Refuse(key, operation, $"key '{key.Name}' does not permit '{operation}'; it permits: {(permitted.Count == 0 ? "nothing" : string.Join(", ", permitted))}");
        }
    }

    private static KeyOperationException Refuse(KeyDescription key, string operation, string reason)
    {
        var exception = new KeyOperationException(KeyError.OperationNotSupported, $"Cannot {operation}: {reason}.");
        exception.Context["key_id"] = key.KeyId;
        exception.Context["operation"] = operation;
        return exception;
    }
}
