using Google.Protobuf;
using Grpc.Core;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.Security;
using Supacrypt.V1;

namespace Supacrypt.Backend.Grpc;

/// <summary>
/// supacrypt.v1.SupacryptService: unpacks requests, calls the key operations, packs responses. No cryptography here.
/// Bound by <see cref="SupacryptMethodProvider"/> rather than a generated base class (see there why).
/// </summary>
public sealed class SupacryptGrpcService(
    RpcExecution execution,
    KeyGeneration generation,
    Signing signing,
    SignatureVerification verification,
    KeyLookup lookup,
    KeyListing listing,
    KeyDeletion deletion,
    Encryption encryption,
    Decryption decryption)
{
    public Task<GenerateKeyResponse> GenerateKey(GenerateKeyRequest request, ServerCallContext context) =>
        execution.RunAsync(nameof(GenerateKey), request.Version, request.Name, context, async cancellationToken =>
        {
            var generated = await generation.GenerateAsync(request.Name, request.Algorithm, request.Parameters, request.Tags, request.Operations, cancellationToken);
            return new GenerateKeyResponse
            {
                Success = new GenerateKeySuccess
                {
                    Metadata = ContractMapping.ToMetadata(generated.Key, generated.RequestedAlgorithm),
                    PublicKey = ContractMapping.ToPublicKey(generated.Key, generated.RequestedAlgorithm),
                },
            };
        }, error => new GenerateKeyResponse { Error = error });

    public Task<SignDataResponse> SignData(SignDataRequest request, ServerCallContext context) =>
        execution.RunAsync(nameof(SignData), request.Version, request.KeyId, context, async cancellationToken =>
        {
            var signature = await signing.SignAsync(KeyReference.Parse(request.KeyId), request.Data.ToByteArray(), request.IsPrehashed, request.Parameters, cancellationToken);
            var saltLength = signature.Algorithm.IsPss ? (uint)signature.Algorithm.DigestLength : 0;
            return new SignDataResponse
            {
                Success = new SignDataSuccess
                {
                    Signature = ByteString.CopyFrom(signature.Signature),
                    Parameters = ContractMapping.ToContract(signature.Algorithm, saltLength),
                    KeyId = signature.Key.KeyId,
                },
            };
        }, error => new SignDataResponse { Error = error });

    public Task<VerifySignatureResponse> VerifySignature(VerifySignatureRequest request, ServerCallContext context) =>
        execution.RunAsync(nameof(VerifySignature), request.Version, request.KeyId, context, async cancellationToken =>
        {
            var result = await verification.VerifyAsync(
                KeyReference.Parse(request.KeyId), request.Data.ToByteArray(), request.Signature.ToByteArray(), request.IsPrehashed, request.Parameters, cancellationToken);
            return new VerifySignatureResponse
            {
                Success = new VerifySignatureSuccess
                {
                    IsValid = result.IsValid,
                    Parameters = ContractMapping.ToContract(result.Algorithm, result.SaltLength),
                    KeyId = result.Key.KeyId,
                },
            };
        }, error => new VerifySignatureResponse { Error = error });

    public Task<GetKeyResponse> GetKey(GetKeyRequest request, ServerCallContext context) =>
        execution.RunAsync(nameof(GetKey), request.Version, request.KeyId, context, async cancellationToken =>
        {
            var key = await lookup.GetAsync(KeyReference.Parse(request.KeyId), cancellationToken);
            var success = new GetKeySuccess { Metadata = ContractMapping.ToMetadata(key) };
            if (request.IncludePublicKey)
            {
                success.PublicKey = ContractMapping.ToPublicKey(key);
            }

            return new GetKeyResponse { Success = success };
        }, error => new GetKeyResponse { Error = error });

    public Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context) =>
        execution.RunAsync(nameof(ListKeys), request.Version, "", context, async cancellationToken =>
        {
            // Visibility is applied inside the listing: filtering its page here would leak hidden names through short pages and the token.
            var visible = CallAdmission.Visibility(context);
            var page = await listing.ListAsync(request.Filter, request.PageSize, request.PageToken, request.IncludeDisabled, visible, cancellationToken);
            var success = new ListKeysSuccess { NextPageToken = page.NextPageToken };
            success.Keys.AddRange(page.Keys.Select(ContractMapping.ToMetadata));
            success.TotalCount = (uint)success.Keys.Count;
            return new ListKeysResponse { Success = success };
        }, error => new ListKeysResponse { Error = error });

    public Task<DeleteKeyResponse> DeleteKey(DeleteKeyRequest request, ServerCallContext context) =>
        execution.RunAsync(nameof(DeleteKey), request.Version, request.KeyId, context, async cancellationToken =>
        {
            var deleted = await deletion.DeleteAsync(KeyReference.Parse(request.KeyId), request.Force, cancellationToken);
            return new DeleteKeyResponse
            {
                Success = new DeleteKeySuccess { KeyId = deleted.Name, DeletedAt = ContractMapping.ToTimestamp(deleted.DeletedAt) },
            };
        }, error => new DeleteKeyResponse { Error = error });

    public Task<EncryptDataResponse> EncryptData(EncryptDataRequest request, ServerCallContext context) =>
        execution.RunAsync(nameof(EncryptData), request.Version, request.KeyId, context, async cancellationToken =>
        {
            var result = await encryption.EncryptAsync(KeyReference.Parse(request.KeyId), request.Plaintext.ToByteArray(), request.Parameters, cancellationToken);
            return new EncryptDataResponse
            {
                Success = new EncryptDataSuccess
                {
                    Ciphertext = ByteString.CopyFrom(result.Ciphertext),
                    Parameters = ContractMapping.ToContract(result.Algorithm),
                    KeyId = result.Key.KeyId,
                },
            };
        }, error => new EncryptDataResponse { Error = error });

    public Task<DecryptDataResponse> DecryptData(DecryptDataRequest request, ServerCallContext context) =>
        execution.RunAsync(nameof(DecryptData), request.Version, request.KeyId, context, async cancellationToken =>
        {
            var result = await decryption.DecryptAsync(KeyReference.Parse(request.KeyId), request.Ciphertext.ToByteArray(), request.Parameters, cancellationToken);
            return new DecryptDataResponse
            {
                Success = new DecryptDataSuccess
                {
                    Plaintext = ByteString.CopyFrom(result.Plaintext),
                    Parameters = ContractMapping.ToContract(result.Algorithm),
                    KeyId = result.Key.KeyId,
                },
            };
        }, error => new DecryptDataResponse { Error = error });
}
