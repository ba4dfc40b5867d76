using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Security;

/// <summary>
/// Key Vault's challenge: a request without a bearer token gets 401 with a <c>WWW-Authenticate</c> header naming
/// the authority and resource, which is how Key Vault clients discover where to get a token. The emulator
/// accepts any bearer token: it is a test double, not an identity provider.
/// </summary>
public sealed class BearerChallengeMiddleware(RequestDelegate next, IOptions<EmulatorOptions> options)
{
    public const string Challenge =
        "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", " +
        "resource=\"https://vault.azure.net\"";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!options.Value.RequireAuthentication || !VaultUrls.IsKeyVaultPath(context.Request.Path) || HasBearerToken(context.Request))
        {
            return next(context);
        }

        context.Response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
        return ErrorWriter.WriteAsync(context, KeyVaultErrors.MissingBearerToken());
    }

    private static bool HasBearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.AsSpan(Scheme.Length).Trim().Length > 0;
    }
}
