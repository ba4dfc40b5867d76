using Google.Protobuf;
using Supacrypt.Backend.Keys;
using Supacrypt.V1;

namespace Supacrypt.Backend.Grpc;

/// <summary>The key operations' results as supacrypt.v1 success responses.</summary>
internal static class ResponseMapping
{
    public static GenerateKeyResponse ToResponse(GeneratedKey generated) => new()
    {
        Success = new GenerateKeySuccess
        {
            Metadata = ContractMapping.ToMetadata(generated.Key, generated.RequestedAlgorithm),
            PublicKey = ContractMapping.ToPublicKey(generated.Key, generated.RequestedAlgorithm),
        },
    };

    public static SignDataResponse ToResponse(SignatureResult signature) => new()
    {
        Success = new SignDataSuccess
        {
            Signature = ByteString.CopyFrom(signature.Signature),
            Parameters = ContractMapping.ToContract(signature.Algorithm, signature.Algorithm.IsPss ? (uint)signature.Algorithm.DigestLength : 0),
            KeyId = signature.Key.KeyId,
        },
    };

    public static VerifySignatureResponse ToResponse(VerificationResult result) => new()
    {
        Success = new VerifySignatureSuccess
        {
            IsValid = result.IsValid,
            Parameters = ContractMapping.ToContract(result.Algorithm, result.SaltLength),
            KeyId = result.Key.KeyId,
        },
    };

    public static GetKeyResponse ToResponse(KeyDescription key, bool includePublicKey) => new()
    {
        Success = new GetKeySuccess
        {
            Metadata = ContractMapping.ToMetadata(key),
            PublicKey = includePublicKey ? ContractMapping.ToPublicKey(key) : null,
        },
    };

    public static ListKeysResponse ToResponse(KeyPage page)
    {
        var success = new ListKeysSuccess { NextPageToken = page.NextPageToken };
        foreach (var key in page.Keys)
        {
            success.Keys.Add(ContractMapping.ToMetadata(key));
        }

        success.TotalCount = (uint)success.Keys.Count;
        return new ListKeysResponse { Success = success };
    }

    public static DeleteKeyResponse ToResponse(DeletedKey deleted) => new()
    {
        Success = new DeleteKeySuccess { KeyId = deleted.Name, DeletedAt = ContractMapping.ToTimestamp(deleted.DeletedAt) },
    };

    public static EncryptDataResponse ToResponse(EncryptionResult result) => new()
    {
        Success = new EncryptDataSuccess
        {
            Ciphertext = ByteString.CopyFrom(result.Ciphertext),
            Parameters = ContractMapping.ToContract(result.Algorithm),
            KeyId = result.Key.KeyId,
        },
    };

    public static DecryptDataResponse ToResponse(DecryptionResult result) => new()
    {
        Success = new DecryptDataSuccess
        {
            Plaintext = ByteString.CopyFrom(result.Plaintext),
            Parameters = ContractMapping.ToContract(result.Algorithm),
            KeyId = result.Key.KeyId,
        },
    };
}
