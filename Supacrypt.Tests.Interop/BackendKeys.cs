using Google.Protobuf;
using Supacrypt.V1;

namespace Supacrypt.Tests.Interop;

internal static class BackendKeys
{
    public static string FileName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static SigningParameters Signing(HashAlgorithm hash, RSAPaddingScheme padding) =>
        padding == RSAPaddingScheme.RsaPaddingUnspecified
            ? new SigningParameters { HashAlgorithm = hash, EccParams = new ECCSigningParameters() }
            : new SigningParameters { HashAlgorithm = hash, RsaParams = new RSASigningParameters { PaddingScheme = padding } };

    public static SigningParameters Pss(HashAlgorithm hash, uint saltLength) =>
        new() { HashAlgorithm = hash, RsaParams = new RSASigningParameters { PaddingScheme = RSAPaddingScheme.RsaPaddingPss, SaltLength = saltLength } };

    public static string OpensslDigest(HashAlgorithm hash) => hash switch
    {
        HashAlgorithm.Sha384 => "sha384",
        HashAlgorithm.Sha512 => "sha512",
        _ => "sha256",
    };

    public static ByteString Bytes(byte[] value) => ByteString.CopyFrom(value);
}
