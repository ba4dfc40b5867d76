using Grpc.Core;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.Pipeline;
using Supacrypt.V1;

namespace Supacrypt.Backend.Grpc;

/// <summary>
/// supacrypt.v1.SupacryptService: each RPC is one key operation, with the request mapped in and the result mapped
/// out. Everything around a call (identity, admission, errors, telemetry, audit) is <see cref="CallPipeline"/>'s.
/// Bound by <see cref="SupacryptMethodProvider"/> rather than a generated base class (see there why).
/// </summary>
public sealed class SupacryptGrpcService(
    KeyGeneration generation,
    Signing signing,
    SignatureVerification verification,
    KeyLookup lookup,
    KeyListing listing,
    KeyDeletion deletion,
    Encryption encryption,
    Decryption decryption,
    CallAdmission admission)
{
    public async Task<GenerateKeyResponse> GenerateKey(GenerateKeyRequest request, ServerCallContext context) =>
        ResponseMapping.ToResponse(await generation.GenerateAsync(request.Name, RequestMapping.ToKeyRequest(request.Algorithm, request.Parameters), request.Tags, request.Operations, CallState.Of(context).Tags, context.CancellationToken));

    public async Task<SignDataResponse> SignData(SignDataRequest request, ServerCallContext context) =>
        ResponseMapping.ToResponse(await signing.SignAsync(CallState.Of(context).RequiredKey, request.Data.ToByteArray(), request.IsPrehashed, RequestMapping.ToSigningRequest(request.Parameters), CallState.Of(context).Tags, context.CancellationToken));

    public async Task<VerifySignatureResponse> VerifySignature(VerifySignatureRequest request, ServerCallContext context) =>
        ResponseMapping.ToResponse(await verification.VerifyAsync(CallState.Of(context).RequiredKey, request.Data.ToByteArray(), request.Signature.ToByteArray(), request.IsPrehashed, RequestMapping.ToSigningRequest(request.Parameters), CallState.Of(context).Tags, context.CancellationToken));

    public async Task<GetKeyResponse> GetKey(GetKeyRequest request, ServerCallContext context) =>
        ResponseMapping.ToResponse(await lookup.GetAsync(CallState.Of(context).RequiredKey, CallState.Of(context).Tags, context.CancellationToken), request.IncludePublicKey);

    // Visibility is applied inside the listing: filtering its page here would leak hidden names through short pages and the token.
    public async Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context) =>
        ResponseMapping.ToResponse(await listing.ListAsync(request.Filter, request.PageSize, request.PageToken, request.IncludeDisabled, admission.Visibility(CallState.Of(context)), context.CancellationToken));

    public async Task<DeleteKeyResponse> DeleteKey(DeleteKeyRequest request, ServerCallContext context) =>
        ResponseMapping.ToResponse(await deletion.DeleteAsync(CallState.Of(context).RequiredKey, request.Force, context.CancellationToken));

    public async Task<EncryptDataResponse> EncryptData(EncryptDataRequest request, ServerCallContext context) =>
        ResponseMapping.ToResponse(await encryption.EncryptAsync(CallState.Of(context).RequiredKey, request.Plaintext.ToByteArray(), RequestMapping.ToEncryptionRequest(request.Parameters), CallState.Of(context).Tags, context.CancellationToken));

    public async Task<DecryptDataResponse> DecryptData(DecryptDataRequest request, ServerCallContext context) =>
        ResponseMapping.ToResponse(await decryption.DecryptAsync(CallState.Of(context).RequiredKey, request.Ciphertext.ToByteArray(), RequestMapping.ToEncryptionRequest(request.Parameters), CallState.Of(context).Tags, context.CancellationToken));
}
