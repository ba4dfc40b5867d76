namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>
/// Folds empty path segments (<c>/keys/k//sign</c>, sent by SDKs when no version is given) into one slash,
/// so that they reach the versionless route, as Key Vault treats them.
/// </summary>
public sealed class PathNormalizationMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value;
        if (path is not null && path.Contains("//", StringComparison.Ordinal) && VaultUrls.IsKeyVaultPath(context.Request.Path))
        {
            while (path.Contains("//", StringComparison.Ordinal))
            {
                path = path.Replace("//", "/", StringComparison.Ordinal);
            }

            context.Request.Path = new PathString(path);
        }

        return next(context);
    }
}
