using System.Text.Json;
using Supacrypt.KeyVaultEmulator.Api;
using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.KeyVaultEmulator.Load;

/// <summary>What one request costs against <see cref="VaultQuota"/>: its budget and its weight in units.</summary>
public sealed record QuotaCharge(bool IsCreation, int Units)
{
    /// <summary>An operation on this key version: RSA-2048 and EC weigh 1, RSA-3072 4, RSA-4096 8; HSM keys twice that.</summary>
    public static QuotaCharge ForKey(KeyVersionRecord key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var weight = key.Material.IsRsa
            ? key.Material.RsaModulusBytes switch
            {
                <= 256 => 1,
                <= 384 => VaultQuota.OperationBudget / 1_000,
                _ => VaultQuota.OperationBudget / 500,
            }
            : 1;
        return new QuotaCharge(false, IsHsm(key.Kty) ? weight * 2 : weight);
    }

    /// <summary>A creation or import: 1 of 20 for a software key, 2 for an HSM key (Key Vault allows 10).</summary>
    public static QuotaCharge ForCreation(bool hsm) => new(true, hsm ? 2 : 1);

    /// <summary>Operations on no particular key (listings, deleted keys), and requests naming a key that does not exist.</summary>
    public static QuotaCharge Unweighted { get; } = new(false, 1);

    /// <summary>Prices a request the way Key Vault would, from its operation, route and (for creation) body.</summary>
    public static async Task<QuotaCharge> OfAsync(HttpContext context, string operation, KeyStore store)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        if (operation is "create" or "import")
        {
            return ForCreation(await RequestsHsmAsync(context, operation));
        }

        if (context.GetRouteValue("name") is not string name || operation.StartsWith("list", StringComparison.Ordinal) ||
            operation is "getdeleted" or "recover" or "purge" or "delete")
        {
            return Unweighted;
        }

        try
        {
            return ForKey(store.Get(name, context.GetRouteValue("version") as string).Key);
        }
        catch (KeyVaultException)
        {
            return Unweighted;
        }
    }

    private static bool IsHsm(string? kty) => kty is KeyTypes.RsaHsm or KeyTypes.EcHsm;

    // Key Vault matches member names without regard to case (see WireJson).
    private static JsonElement? Member(JsonElement element, string name, JsonValueKind kind)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) &&
                property.Value.ValueKind == kind)
            {
                return property.Value;
            }
        }

        return null;
    }

    // The body is read again by the endpoint, which answers a malformed one with Key Vault's 400.
    private static async Task<bool> RequestsHsmAsync(HttpContext context, string operation)
    {
        var request = context.Request;
        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
            var root = body.RootElement;
            if (operation == "create")
            {
                return IsHsm(Member(root, "kty", JsonValueKind.String)?.GetString());
            }

            return Member(root, "hsm", JsonValueKind.True) is not null ||
                (Member(root, "key", JsonValueKind.Object) is { } key && IsHsm(Member(key, "kty", JsonValueKind.String)?.GetString()));
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
