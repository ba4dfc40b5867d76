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
        return await NewKeyVersion.AddAsync(
            context, name, kty, jwk.KeyOps, request.Attributes, request.Tags,
            () => JwkImporter.ToMaterial(jwk, KeyTypes.IsRsa(kty)), store, options, cancellationToken);
    }
}
