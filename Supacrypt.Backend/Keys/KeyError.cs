namespace Supacrypt.Backend.Keys;

/// <summary>
/// Why the domain refused an operation. The edge (Pipeline/ErrorTranslation) maps each to the contract's error code
/// of the same name; the names match so audit outcomes and logs read the same on both sides.
/// </summary>
public enum KeyError
{
    InternalError,
    InvalidRequest,
    KeyNotFound,
    KeyAlreadyExists,
    UnsupportedAlgorithm,
    OperationNotSupported,
    AuthorizationFailed,
    KeySizeNotSupported,
    CurveNotSupported,
    HashNotSupported,
    PaddingNotSupported,
    DecryptionFailed,
    AzureKvError,
}
