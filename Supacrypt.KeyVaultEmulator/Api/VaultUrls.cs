namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>Identifiers are absolute URLs on the host the client called, as in Key Vault.</summary>
public static class VaultUrls
{
    public static string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host.Value}";
    }

    public static string KeyId(HttpRequest request, string name, string? version = null) =>
        version is null ? $"{BaseUrl(request)}/keys/{name}" : $"{BaseUrl(request)}/keys/{name}/{version}";

    public static string RecoveryId(HttpRequest request, string name) => $"{BaseUrl(request)}/deletedkeys/{name}";

    /// <summary>True for the paths that make up the emulated Key Vault API.</summary>
    public static bool IsKeyVaultPath(PathString path) =>
        path.StartsWithSegments("/keys", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/deletedkeys", StringComparison.OrdinalIgnoreCase);
}
