namespace Supacrypt.Backend.KeyVault;

/// <summary>Reads names and versions out of Key Vault key identifiers (<c>https://vault/keys/{name}/{version}</c>).</summary>
public static class KeyIdentifier
{
    public static string? NameOf(string? kid) => Segments(kid) is [_, var name, ..] ? name : null;

    public static string? VersionOf(string? kid) => Segments(kid) is [_, _, var version, ..] && version.Length > 0 ? version : null;

    private static string[] Segments(string? kid) =>
        Uri.TryCreate(kid, UriKind.Absolute, out var uri)
            ? uri.AbsolutePath.Trim('/').Split('/')
            : [];
}
