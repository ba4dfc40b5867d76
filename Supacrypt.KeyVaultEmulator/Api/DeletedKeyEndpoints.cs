using Microsoft.Extensions.Options;
using Supacrypt.KeyVaultEmulator.Json;
using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>Soft-deleted keys: list, get, recover, purge.</summary>
public static class DeletedKeyEndpoints
{
    public static IEndpointRouteBuilder MapDeletedKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/deletedkeys", List).WithMetadata(new KeyVaultOperation("listdeleted"));
        routes.MapGet("/deletedkeys/{name}", Get).WithMetadata(new KeyVaultOperation("getdeleted"));
        routes.MapPost("/deletedkeys/{name}/recover", RecoverAsync).WithMetadata(new KeyVaultOperation("recover"));
        routes.MapDelete("/deletedkeys/{name}", PurgeAsync).WithMetadata(new KeyVaultOperation("purge"));
        return routes;
    }

    private static IResult List(HttpContext context, KeyStore store, IOptions<EmulatorOptions> options)
    {
        var vault = options.Value;
        var page = Paging.Page(context.Request, store.ListDeleted(), record => KeyBundles.DeletedItem(context.Request, record, vault));
        return Results.Json(page, WireJson.Options);
    }

    private static IResult Get(HttpContext context, string name, KeyStore store, IOptions<EmulatorOptions> options)
    {
        KeyIdentifiers.ValidateName(name);
        var record = store.GetDeleted(name);
        return Results.Json(KeyBundles.DeletedBundle(context.Request, record, options.Value), WireJson.Options);
    }

    private static async Task<IResult> RecoverAsync(
        HttpContext context, string name, KeyStore store, IOptions<EmulatorOptions> options, CancellationToken cancellationToken)
    {
        KeyIdentifiers.ValidateName(name);
        var record = await store.RecoverAsync(name, cancellationToken);
        return Results.Json(KeyBundles.Bundle(context.Request, record.Name, record.Latest, options.Value), WireJson.Options);
    }

    private static async Task<IResult> PurgeAsync(string name, KeyStore store, CancellationToken cancellationToken)
    {
        KeyIdentifiers.ValidateName(name);
        await store.PurgeAsync(name, cancellationToken);
        return Results.NoContent();
    }
}
