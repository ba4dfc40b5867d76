
namespace Supacrypt.Backend.Keys;

/// <summary>The contract's <c>operations</c> as Key Vault <c>key_ops</c>, which Key Vault then enforces.</summary>
public static class KeyOperationNames
{
    private static readonly string[] RsaOperations = ["sign", "verify", "encrypt", "decrypt", "wrapKey", "unwrapKey"];
    private static readonly string[] EcOperations = ["sign", "verify"];

    /// <returns>Key Vault's spelling of each operation, or null to let Key Vault permit every operation of the key type.</returns>
    public static IReadOnlyList<string>? Normalize(IReadOnlyList<string> operations, KeyKind kind)
    {
        if (operations.Count == 0)
        {
            return null;
        }

        var allowed = kind == KeyKind.Rsa ? RsaOperations : EcOperations;
        var normalized = new List<string>();
        foreach (var operation in operations)
        {
            var known = RsaOperations.FirstOrDefault(candidate => candidate.Equals(operation, StringComparison.OrdinalIgnoreCase))
                ?? throw new KeyOperationException(
                    KeyError.InvalidRequest,
                    $"operation '{KeyReference.Printable(operation)}' is unknown; use any of: {string.Join(", ", RsaOperations)}.");
            if (!allowed.Contains(known))
            {
                throw new KeyOperationException(
                    KeyError.OperationNotSupported,
                    $"operation '{known}' is not possible with an EC key; EC keys permit: {string.Join(", ", EcOperations)}.");
            }

            if (!normalized.Contains(known))
            {
                normalized.Add(known);
            }
        }

        return normalized;
    }
}
