using Supacrypt.V1;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// The contract's size limits, refused as INVALID_REQUEST naming the limit before any work or Key Vault call.
/// Page size and tags are checked where they are used (KeyListing, KeyTags), with Key Vault's own limits.
/// </summary>
internal static class RequestLimits
{
    public const int MaxDataBytes = 1024 * 1024;
    public const int MaxSignatureBytes = 1024;
    public const int MaxPlaintextBytes = 4096;
    public const int MaxCiphertextBytes = 4096;
    public const int MaxFilterLength = 256;

    /// <summary>The largest message the grpc endpoint accepts: the largest data to sign with room for the rest.</summary>
    public const int MaxMessageBytes = MaxDataBytes + 64 * 1024;

    /// <summary>Null when the request is within every limit; otherwise what is too large and what the limit is.</summary>
    public static string? Violation(ISupacryptRequest request) => request switch
    {
        SignDataRequest sign => Exceeds("data", sign.Data.Length, MaxDataBytes),
        VerifySignatureRequest verify => Exceeds("data", verify.Data.Length, MaxDataBytes) ?? Exceeds("signature", verify.Signature.Length, MaxSignatureBytes),
        EncryptDataRequest encrypt => Exceeds("plaintext", encrypt.Plaintext.Length, MaxPlaintextBytes),
        DecryptDataRequest decrypt => Exceeds("ciphertext", decrypt.Ciphertext.Length, MaxCiphertextBytes),
        ListKeysRequest list when list.Filter.Length > MaxFilterLength =>
            $"filter has {list.Filter.Length} characters; the limit is {MaxFilterLength}.",
        _ => null,
    };

    /// <summary>Whether the request asks for RSA PKCS#1 v1.5 decryption, which <c>Security:AllowRsaPkcs1Decryption</c> can forbid.</summary>
    public static bool IsPkcs1Decryption(ISupacryptRequest request) =>
        request is DecryptDataRequest { Parameters.RsaParams.PaddingScheme: RSAPaddingScheme.RsaPaddingPkcs1 };

    private static string? Exceeds(string field, int length, int limit) =>
        length > limit ? $"{field} is {length} bytes; the limit is {limit} bytes." : null;
}
