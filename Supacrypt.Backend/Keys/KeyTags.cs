
namespace Supacrypt.Backend.Keys;

/// <summary>Key Vault's tag limits, checked up front so the refusal names the offending tag.</summary>
public static class KeyTags
{
    public const int MaxCount = 15;
    public const int MaxNameLength = 512;
    public const int MaxValueLength = 256;

    public static void Validate(IReadOnlyDictionary<string, string> tags)
    {
        if (tags.Count > MaxCount)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, $"A key takes at most {MaxCount} tags; {tags.Count} were given.");
        }

        foreach (var (name, value) in tags)
        {
            if (name.Length is 0 or > MaxNameLength)
            {
                throw new KeyOperationException(KeyError.InvalidRequest, $"Tag names must have 1 to {MaxNameLength} characters; '{KeyReference.Printable(name[..Math.Min(name.Length, 40)])}' has {name.Length}.");
            }

            if (value.Length > MaxValueLength)
            {
                throw new KeyOperationException(KeyError.InvalidRequest, $"Tag '{KeyReference.Printable(name)}' has a value of {value.Length} characters; the limit is {MaxValueLength}.");
            }
        }
    }
}
