using System.Diagnostics.CodeAnalysis;

namespace Supacrypt.V1;

// What the generated messages have in common, named so that code around every call (the backend's pipeline) can
// read it once without a type switch per RPC. Kept beside the .proto: the partial classes must be compiled with it.

/// <summary>Every supacrypt.v1 request carries the protocol version its caller speaks.</summary>
public interface ISupacryptRequest
{
    uint Version { get; }
}

/// <summary>A request about one key: <c>key_id</c> (<c>name</c> or <c>name/version</c>), or GenerateKey's new name.</summary>
public interface INamesKey : ISupacryptRequest
{
    string KeyId { get; }
}

/// <summary>A request that chooses a signature algorithm through <see cref="SigningParameters"/>.</summary>
public interface INamesSigningAlgorithm
{
    SigningParameters Parameters { get; }
}

/// <summary>A request that chooses an encryption algorithm through <see cref="EncryptionParameters"/>.</summary>
public interface INamesEncryptionAlgorithm
{
    EncryptionParameters Parameters { get; }
}

/// <summary>A response whose <c>result</c> is either its success message or <see cref="ErrorDetails"/>.</summary>
public interface ICarriesError
{
    [SuppressMessage("Naming", "CA1716", Justification = "The generated property this member is implemented by is named after the contract's field.")]
    ErrorDetails Error { get; set; }
}

public sealed partial class GenerateKeyRequest : INamesKey
{
    string INamesKey.KeyId => Name;
}

public sealed partial class SignDataRequest : INamesKey, INamesSigningAlgorithm;

public sealed partial class VerifySignatureRequest : INamesKey, INamesSigningAlgorithm;

public sealed partial class GetKeyRequest : INamesKey;

public sealed partial class ListKeysRequest : ISupacryptRequest;

public sealed partial class DeleteKeyRequest : INamesKey;

public sealed partial class EncryptDataRequest : INamesKey, INamesEncryptionAlgorithm;

public sealed partial class DecryptDataRequest : INamesKey, INamesEncryptionAlgorithm;

public sealed partial class GenerateKeyResponse : ICarriesError;

public sealed partial class SignDataResponse : ICarriesError;

public sealed partial class VerifySignatureResponse : ICarriesError;

public sealed partial class GetKeyResponse : ICarriesError;

public sealed partial class ListKeysResponse : ICarriesError;

public sealed partial class DeleteKeyResponse : ICarriesError;

public sealed partial class EncryptDataResponse : ICarriesError;

public sealed partial class DecryptDataResponse : ICarriesError;
