using Supacrypt.KeyVaultEmulator.Json;
using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>
/// sign, verify, encrypt, decrypt, wrapkey, unwrapkey. Each is reachable with a version and without one
/// (<c>/keys/{name}/sign</c>; SDKs also send <c>/keys/{name}//sign</c>, which path normalization folds into it).
/// </summary>
public static class CryptoEndpoints
{
    private delegate Task<IResult> CryptoHandler(HttpContext context, string name, string? version, KeyStore store, CancellationToken cancellationToken);

    public static IEndpointRouteBuilder MapCryptoEndpoints(this IEndpointRouteBuilder routes)
    {
        Map(routes, "sign", SignAsync);
        Map(routes, "verify", VerifyAsync);
        Map(routes, "encrypt", (c, n, v, s, t) => TransformAsync(c, n, v, s, "encrypt", KeyCryptography.Encrypt, t));
        Map(routes, "decrypt", (c, n, v, s, t) => TransformAsync(c, n, v, s, "decrypt", KeyCryptography.Decrypt, t));
        Map(routes, "wrapkey", (c, n, v, s, t) => TransformAsync(c, n, v, s, "wrapKey", KeyCryptography.Encrypt, t));
        Map(routes, "unwrapkey", (c, n, v, s, t) => TransformAsync(c, n, v, s, "unwrapKey", KeyCryptography.Decrypt, t));
        return routes;
    }

    private static void Map(IEndpointRouteBuilder routes, string operation, CryptoHandler handler)
    {
        routes.MapPost($"/keys/{{name}}/{{version}}/{operation}",
                (HttpContext c, string name, string version, KeyStore s, CancellationToken t) => handler(c, name, version, s, t))
            .WithMetadata(new KeyVaultOperation(operation));
        routes.MapPost($"/keys/{{name}}/{operation}",
                (HttpContext c, string name, KeyStore s, CancellationToken t) => handler(c, name, null, s, t))
            .WithMetadata(new KeyVaultOperation(operation));
    }

    private static NamedKeyVersion Resolve(string name, string? version, KeyStore store, string operation)
    {
        KeyIdentifiers.ValidateName(name);
        var key = store.Get(name, version);
        KeyUsePolicy.Ensure(key.Key, operation, store.Now);
        return key;
    }

    private static async Task<IResult> SignAsync(HttpContext context, string name, string? version, KeyStore store, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync<KeySignParameters>(context.Request, cancellationToken);
        var key = Resolve(name, version, store, "sign");
        var digest = RequestBody.DecodeValue(request.Value, "value");
        var signature = KeyCryptography.Sign(key.Key, request.Algorithm, digest);
        return Result(context, key, signature);
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, string name, string? version, KeyStore store, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync<KeyVerifyParameters>(context.Request, cancellationToken);
        var key = Resolve(name, version, store, "verify");
        var digest = RequestBody.DecodeValue(request.Digest, "digest");
        var signature = RequestBody.DecodeValue(request.Signature, "value");
        var valid = KeyCryptography.Verify(key.Key, request.Algorithm, digest, signature);
        return Results.Json(new KeyVerifyResultModel(valid), WireJson.Options);
    }

    private static async Task<IResult> TransformAsync(
        HttpContext context, string name, string? version, KeyStore store, string operation,
        Func<KeyVersionRecord, string?, byte[], byte[]> transform, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync<KeyOperationParameters>(context.Request, cancellationToken);
        var key = Resolve(name, version, store, operation);
        var input = RequestBody.DecodeValue(request.Value, "value");
        return Result(context, key, transform(key.Key, request.Algorithm, input));
    }

    private static IResult Result(HttpContext context, NamedKeyVersion key, byte[] value) =>
        Results.Json(new KeyOperationResultModel(VaultUrls.KeyId(context.Request, key.Name, key.Key.Version), Base64Url.Encode(value)),
            WireJson.Options);
}
