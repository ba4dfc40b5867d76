using Microsoft.Extensions.Options;
using Supacrypt.KeyVaultEmulator.Json;
using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>Key management: create, import, get, update, list, list versions, delete.</summary>
public static class KeyEndpoints
{
    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/keys/{name}/create", CreateAsync).WithMetadata(new KeyVaultOperation("create"));
        routes.MapPut("/keys/{name}", ImportEndpoint.ImportAsync).WithMetadata(new KeyVaultOperation("import"));
        routes.MapGet("/keys", ListKeys).WithMetadata(new KeyVaultOperation("list"));
        routes.MapGet("/keys/{name}/versions", ListVersions).WithMetadata(new KeyVaultOperation("listversions"));
        routes.MapGet("/keys/{name}", (HttpContext context, string name, KeyStore store, IOptions<EmulatorOptions> options) =>
            Get(context, name, null, store, options)).WithMetadata(new KeyVaultOperation("get"));
        routes.MapGet("/keys/{name}/{version}", Get).WithMetadata(new KeyVaultOperation("get"));
        routes.MapPatch("/keys/{name}", (HttpContext context, string name, KeyStore store, IOptions<EmulatorOptions> options,
            CancellationToken cancellationToken) => UpdateAsync(context, name, null, store, options, cancellationToken))
            .WithMetadata(new KeyVaultOperation("update"));
        routes.MapPatch("/keys/{name}/{version}", UpdateAsync).WithMetadata(new KeyVaultOperation("update"));
        routes.MapDelete("/keys/{name}", DeleteAsync).WithMetadata(new KeyVaultOperation("delete"));
        return routes;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, string name, KeyStore store, IOptions<EmulatorOptions> options, CancellationToken cancellationToken)
    {
        KeyIdentifiers.ValidateName(name);
        var request = await RequestBody.ReadAsync<KeyCreateParameters>(context.Request, cancellationToken);
        var kty = request.Kty switch
        {
            null => throw KeyVaultErrors.BadParameter("The 'kty' member is required: RSA, RSA-HSM, EC or EC-HSM."),
            var value when KeyTypes.All.Contains(value) => value,
            var value => throw KeyVaultErrors.BadParameter(
                $"The key type '{value}' is not supported; use one of {string.Join(", ", KeyTypes.All)}."),
        };
        var vault = options.Value.VaultKind;
        if (vault == EmulatedVaultKind.ManagedHsm && kty is not (KeyTypes.RsaHsm or KeyTypes.EcHsm))
        {
            throw KeyVaultErrors.BadParameter($"A Managed HSM holds HSM-protected keys only; create '{kty}-HSM' instead of '{kty}'.");
        }

        return await NewKeyVersion.AddAsync(
            context, name, kty, request.KeyOps, request.Attributes, request.Tags,
            () => KeyMaterialFactory.Generate(kty, request, vault), store, options, cancellationToken);
    }

    private static IResult Get(HttpContext context, string name, string? version, KeyStore store, IOptions<EmulatorOptions> options)
    {
        KeyIdentifiers.ValidateName(name);
        var key = store.Get(name, version);
        return Results.Json(KeyBundles.Bundle(context.Request, key.Name, key.Key, options.Value), WireJson.Options);
    }

    private static async Task<IResult> UpdateAsync(
        HttpContext context, string name, string? version, KeyStore store, IOptions<EmulatorOptions> options,
        CancellationToken cancellationToken)
    {
        KeyIdentifiers.ValidateName(name);
        var request = await RequestBody.ReadAsync<KeyUpdateParameters>(context.Request, cancellationToken);
        var tags = KeyAttributeRules.ValidateTags(request.Tags);
        var now = store.Now;
        var updated = await store.UpdateAsync(name, version, current =>
        {
            var changed = current with
            {
                KeyOps = request.KeyOps is null ? current.KeyOps : KeyAttributeRules.ValidateOperations(request.KeyOps, current.Kty),
                Enabled = request.Attributes?.Enabled ?? current.Enabled,
                NotBefore = request.Attributes?.NotBefore ?? current.NotBefore,
                Expires = request.Attributes?.Expires ?? current.Expires,
                Tags = request.Tags is null ? current.Tags : tags,
                Updated = now,
            };
            KeyAttributeRules.ValidateValidity(changed.NotBefore, changed.Expires);
            return changed;
        }, cancellationToken);
        return Results.Json(KeyBundles.Bundle(context.Request, updated.Name, updated.Key, options.Value), WireJson.Options);
    }

    private static IResult ListKeys(HttpContext context, KeyStore store, IOptions<EmulatorOptions> options)
    {
        var vault = options.Value;
        var page = Paging.Page(context.Request, store.ListActive(),
            record => KeyBundles.Item(context.Request, record.Name, record.Latest, withVersion: false, vault));
        return Results.Json(page, WireJson.Options);
    }

    private static IResult ListVersions(HttpContext context, string name, KeyStore store, IOptions<EmulatorOptions> options)
    {
        KeyIdentifiers.ValidateName(name);
        var record = store.GetRecord(name);
        var vault = options.Value;
        var page = Paging.Page(context.Request, record.Versions,
            version => KeyBundles.Item(context.Request, record.Name, version, withVersion: true, vault));
        return Results.Json(page, WireJson.Options);
    }

    private static async Task<IResult> DeleteAsync(
        HttpContext context, string name, KeyStore store, IOptions<EmulatorOptions> options, CancellationToken cancellationToken)
    {
        KeyIdentifiers.ValidateName(name);
        var deleted = await store.DeleteAsync(name, cancellationToken);
        return Results.Json(KeyBundles.DeletedBundle(context.Request, deleted, options.Value), WireJson.Options);
    }
}
