using Microsoft.Extensions.Options;
using Supacrypt.KeyVaultEmulator.Json;
using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary><c>PUT /keys/{name}</c>: import a private JWK as a new version.</summary>
public static class ImportEndpoint
{
    public static async Task<IResult> ImportAsync(
        HttpContext context, string name, KeyStore store, IOptions<EmulatorOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        KeyIdentifiers.ValidateName(name);
        var request = await RequestBody.ReadAsync<KeyImportParameters>(context.Request, cancellationToken);
        var jwk = request.Key ?? throw KeyVaultErrors.BadParameter("The 'key' member (a JSON web key) is required.");
        var baseType = jwk.Kty switch
        {
            KeyTypes.Rsa or KeyTypes.RsaHsm => KeyTypes.Rsa,
            KeyTypes.Ec or KeyTypes.EcHsm => KeyTypes.Ec,
            var other => throw KeyVaultErrors.BadParameter(
                $"The key type '{other}' cannot be imported; use one of {string.Join(", ", KeyTypes.All)}."),
        };
        var hsm = request.Hsm == true || jwk.Kty is KeyTypes.RsaHsm or KeyTypes.EcHsm;
        var kty = hsm ? baseType + "-HSM" : baseType;
        var operations = KeyAttributeRules.ValidateOperations(jwk.KeyOps, kty);
        KeyAttributeRules.ValidateValidity(request.Attributes?.NotBefore, request.Attributes?.Expires);
        var tags = KeyAttributeRules.ValidateTags(request.Tags);
        var material = JwkImporter.ToMaterial(jwk, KeyTypes.IsRsa(kty));
        var now = store.Now;
        var version = new KeyVersionRecord(KeyIdentifiers.NewVersion(), kty, material, operations,
            request.Attributes?.Enabled ?? true, request.Attributes?.NotBefore, request.Attributes?.Expires, now, now, tags);
        var saved = await store.AddVersionAsync(name, version, cancellationToken);
        return Results.Json(KeyBundles.Bundle(context.Request, saved.Name, saved.Key, options.Value.RecoverableDays), WireJson.Options);
    }
}
