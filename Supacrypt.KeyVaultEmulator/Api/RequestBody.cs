using System.Text.Json;
using Supacrypt.KeyVaultEmulator.Json;

namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>Reads request bodies ourselves so that every malformed body gets Key Vault's 400, not a framework page.</summary>
public static class RequestBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength == 0)
        {
            throw KeyVaultErrors.BadParameter("The request body is empty; a JSON object is required.");
        }

        T? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync<T>(request.Body, WireJson.Options, cancellationToken);
        }
        catch (JsonException error)
        {
            throw KeyVaultErrors.BadParameter($"The request body is not valid JSON for this operation: {error.Message}");
        }

        return value ?? throw KeyVaultErrors.BadParameter("The request body must be a JSON object, not null.");
    }

    public static byte[] DecodeValue(string? value, string member)
    {
        if (value is null)
        {
            throw KeyVaultErrors.BadParameter($"The '{member}' member is required.");
        }

        return Base64Url.TryDecode(value, out var bytes)
            ? bytes
            : throw KeyVaultErrors.BadParameter($"The '{member}' member is not valid base64url.");
    }
}
