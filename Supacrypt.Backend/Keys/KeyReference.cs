using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Supacrypt.Backend.Keys;

/// <summary>A contract <c>key_id</c>: a Key Vault key name, optionally pinned to one version as <c>name/version</c>.</summary>
public sealed partial record KeyReference(string Name, string? Version)
{
    /// <summary>Parses without throwing, so the pipeline can parse once and report the problem when the key is needed.</summary>
    public static bool TryParse(string? keyId, [NotNullWhen(true)] out KeyReference? reference, [NotNullWhen(false)] out KeyOperationException? problem)
    {
        reference = null;
        if (string.IsNullOrEmpty(keyId))
        {
            problem = new KeyOperationException(KeyError.InvalidRequest, "key_id is required: give a key name, or name/version to pin one version.");
            return false;
        }

        var separator = keyId.IndexOf('/');
        var name = separator < 0 ? keyId : keyId[..separator];
        var version = separator < 0 ? null : keyId[(separator + 1)..];
        problem = InvalidName(name, "key_id");
        if (problem is null && version is not null && !VersionPattern().IsMatch(version))
        {
            problem = new KeyOperationException(KeyError.InvalidRequest, $"key_id '{Printable(keyId)}' has an invalid version: a key version is 32 hexadecimal characters.");
        }

        if (problem is not null)
        {
            return false;
        }

        reference = new KeyReference(name, version?.ToLowerInvariant());
        return true;
    }

    public static void EnsureValidName(string name, string field)
    {
        if (InvalidName(name, field) is { } problem)
        {
            throw problem;
        }
    }

    private static KeyOperationException? InvalidName(string name, string field) => NamePattern().IsMatch(name)
        ? null
        : new KeyOperationException(KeyError.InvalidRequest, $"{field} '{Printable(name)}' is not a valid key name: use 1 to 127 letters, digits and hyphens.");

    public override string ToString() => Version is null ? Name : $"{Name}/{Version}";

    /// <summary>
    /// A caller's value as it may appear in messages and logs: bounded, and stripped of control, line-separator and
    /// bidirectional-control characters so it cannot forge or disguise log lines.
    /// </summary>
    public static string Printable(string value)
    {
        // Most values are already printable: hand them back rather than copy them on every call.
        if (value.Length <= 140 && !value.AsSpan().ContainsAny(UnsafeInLogs))
        {
            return value;
        }

        var bounded = value.Length <= 140 ? value : value[..140] + "…";
        return string.Create(bounded.Length, bounded, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = IsUnsafeInLogs(source[i]) ? '?' : source[i];
            }
        });
    }

    private static readonly System.Buffers.SearchValues<char> UnsafeInLogs = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(code => (char)code).Where(IsUnsafeInLogs).ToArray());

    // Control characters, the Unicode line and paragraph separators (line breaks to many log viewers) and the
    // bidirectional controls that make a log line display differently from what it holds.
    private static bool IsUnsafeInLogs(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    [GeneratedRegex(@"^[0-9a-zA-Z-]{1,127}\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[0-9a-fA-F]{32}\z")]
    private static partial Regex VersionPattern();
}
