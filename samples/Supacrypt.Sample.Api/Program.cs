using System.Security.Cryptography;
using Google.Protobuf;
using Supacrypt.Client;
using Supacrypt.Client.Hosting;
using Supacrypt.V1;

var builder = WebApplication.CreateBuilder(args);

// The backend's grpc endpoint comes from service discovery (WithReference(backend) in an AppHost) or from
// Supacrypt:Client:Endpoint; the client certificate from Supacrypt:Client:CertificatePath / KeyPath and the CA from
// Supacrypt:Client:CertificateAuthorityPath. A setting that cannot work stops start-up with its name.
// It also registers a health check that calls the backend, served below on /health.
builder.AddSupacryptClient("backend");

var app = builder.Build();
app.MapHealthChecks("/health");

// POST /sign/{keyId} with the data as the body: the signature (RSA PKCS#1 v1.5 or ECDSA P1363) and, for ECDSA, its
// DER form for openssl, both base64.
app.MapPost("/sign/{keyId}", async (string keyId, HttpRequest request, SupacryptService.SupacryptServiceClient supacrypt, CancellationToken cancellationToken) =>
{
    var data = await ByteString.FromStreamAsync(request.Body, cancellationToken);
    var response = await supacrypt.SignDataAsync(new SignDataRequest { Version = 1, KeyId = keyId, Data = data }, cancellationToken: cancellationToken);
    if (response.ResultCase != SignDataResponse.ResultOneofCase.Success)
    {
        return Results.Problem(response.Error.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: response.Error.Code.ToString());
    }

    var key = await supacrypt.GetKeyAsync(new GetKeyRequest { Version = 1, KeyId = keyId, IncludePublicKey = true }, cancellationToken: cancellationToken);
    var publicKey = key.Success.PublicKey;
    var signature = response.Success.Signature.ToByteArray();
    var isRsa = publicKey.Algorithm == KeyAlgorithm.Rsa;
    return Results.Ok(new
    {
        keyId = response.Success.KeyId,
        signature = Convert.ToBase64String(signature),
        signatureDer = isRsa ? null : Convert.ToBase64String(EcdsaSignature.ToDer(signature)),
        publicKeyPem = publicKey.ToPem(),
        // Checked here with the public key alone, as any relying party would.
        verifiedLocally = VerifyLocally(publicKey, data.Span, signature),
    });
});

// POST /verify/{keyId}?signature=BASE64 with the data as the body: the backend's verdict.
app.MapPost("/verify/{keyId}", async (string keyId, string signature, HttpRequest request, SupacryptService.SupacryptServiceClient supacrypt, CancellationToken cancellationToken) =>
{
    var data = await ByteString.FromStreamAsync(request.Body, cancellationToken);
    var response = await supacrypt.VerifySignatureAsync(
        new VerifySignatureRequest { Version = 1, KeyId = keyId, Data = data, Signature = ByteString.FromBase64(signature) }, cancellationToken: cancellationToken);
    return response.ResultCase == VerifySignatureResponse.ResultOneofCase.Success
        ? Results.Ok(new { valid = response.Success.IsValid })
        : Results.Problem(response.Error.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: response.Error.Code.ToString());
});

app.Run();

// The backend's defaults: SHA-256 and PKCS#1 v1.5 for RSA, the curve's own hash for ECDSA (P1363, as .NET expects).
static bool VerifyLocally(PublicKey publicKey, ReadOnlySpan<byte> data, byte[] signature)
{
    if (publicKey.Algorithm == KeyAlgorithm.Rsa)
    {
        using var rsa = publicKey.ToRsa();
        return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    using var ecdsa = publicKey.ToECDsa();
    var hash = ecdsa.KeySize switch
    {
        > 384 => HashAlgorithmName.SHA512,
        > 256 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA256,
    };
    return ecdsa.VerifyData(data, signature, hash);
}
