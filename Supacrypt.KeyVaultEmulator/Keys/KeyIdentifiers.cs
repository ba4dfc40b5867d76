using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>Key Vault's rule for key names, and new version identifiers (32 lowercase hex characters).</summary>
public static partial class KeyIdentifiers
{
    public static void ValidateName(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw KeyVaultErrors.BadParameter(
                $"The key name '{Truncate(name)}' is invalid: a key name is 1-127 characters of 0-9, a-z, A-Z and '-'.");
        }
    }

    public static string NewVersion() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string Truncate(string value) => value.Length <= 140 ? value : value[..140] + "…";

    [GeneratedRegex(@"^[0-9a-zA-Z-]{1,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
