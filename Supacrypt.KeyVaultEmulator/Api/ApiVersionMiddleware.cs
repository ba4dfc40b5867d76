using System.Text.RegularExpressions;

namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>Key Vault requires <c>api-version</c> on every call; the emulator speaks 7.0–7.6 and dated versions.</summary>
public sealed partial class ApiVersionMiddleware(RequestDelegate next)
{
    public const string Latest = "2025-07-01";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!VaultUrls.IsKeyVaultPath(context.Request.Path))
        {
            return next(context);
        }

        var values = context.Request.Query["api-version"];
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            throw KeyVaultErrors.BadParameter("The 'api-version' query parameter is required, for example ?api-version=7.5.");
        }

        if (values.Count > 1 || !SupportedVersion().IsMatch(values[0]!))
        {
            throw KeyVaultErrors.BadParameter(
                $"The specified version ({values}) is not recognized. Consider using the latest supported version ({Latest}).");
        }

        return next(context);
    }

    [GeneratedRegex(@"^(7\.[0-6](-preview(\.\d+)?)?|20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(-preview(\.\d+)?)?)\z", RegexOptions.CultureInvariant)]
    private static partial Regex SupportedVersion();
}
