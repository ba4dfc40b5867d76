using Microsoft.Extensions.Options;
using Supacrypt.KeyVaultEmulator.Json;
using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>What create and import share: validate, make the key material, store it as a new version, answer its bundle.</summary>
internal static class NewKeyVersion
{
    /// <param name="material">Called only after every other member validated: generating RSA keys is slow.</param>
    public static async Task<IResult> AddAsync(
        HttpContext context,
        string name,
        string kty,
        IList<string>? keyOps,
        KeyAttributesModel? attributes,
        IDictionary<string, string>? tags,
        Func<KeyMaterial> material,
        KeyStore store,
        IOptions<EmulatorOptions> options,
        CancellationToken cancellationToken)
    {
        var operations = KeyAttributeRules.ValidateOperations(keyOps, kty);
        KeyAttributeRules.ValidateValidity(attributes?.NotBefore, attributes?.Expires);
        var validTags = KeyAttributeRules.ValidateTags(tags);
        var now = store.Now;
        var version = new KeyVersionRecord(KeyIdentifiers.NewVersion(), kty, material(), operations,
            attributes?.Enabled ?? true, attributes?.NotBefore, attributes?.Expires, now, now, validTags);
        var saved = await store.AddVersionAsync(name, version, cancellationToken);
        return Results.Json(KeyBundles.Bundle(context.Request, saved.Name, saved.Key, options.Value), WireJson.Options);
    }
}
