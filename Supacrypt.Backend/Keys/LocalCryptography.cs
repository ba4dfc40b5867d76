using System.Security.Cryptography;

namespace Supacrypt.Backend.Keys;

/// <summary>The local provider: public-key operations with a cached key's public half, no Key Vault call.</summary>
public static class LocalCryptography
{
    public static byte[] Encrypt(CachedKey key, EncryptionAlgorithm algorithm, byte[] plaintext) =>
        key.PublicKey.UseRsa(rsa => rsa.Encrypt(plaintext, algorithm.Padding));

    public static bool Verify(CachedKey key, SignatureAlgorithm algorithm, byte[] digest, byte[] signature, uint saltLength) =>
        key.Description.Kind == KeyKind.Ec ? VerifyEcdsa(key, digest, signature) : VerifyRsa(key, algorithm, digest, signature, saltLength);

    private static bool VerifyEcdsa(CachedKey key, byte[] digest, byte[] signature) =>
        signature.Length == 2 * Curves.FieldLength(key.Description.Curve) &&
        key.PublicKey.UseEcdsa(ecdsa => ecdsa.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    private static bool VerifyRsa(CachedKey key, SignatureAlgorithm algorithm, byte[] digest, byte[] signature, uint saltLength)
    {
        // A salt longer than the modulus cannot fit any encoding: such a signature is simply not valid.
        if (signature.Length != key.Description.ModulusBytes || saltLength > key.Description.ModulusBytes)
        {
            return false;
        }

        return key.PublicKey.UseRsa(rsa => !algorithm.IsPss
            ? rsa.VerifyHash(digest, signature, algorithm.Hash, RSASignaturePadding.Pkcs1)
            : saltLength == algorithm.DigestLength
                ? rsa.VerifyHash(digest, signature, algorithm.Hash, RSASignaturePadding.Pss)
                : PssSignature.Verify(rsa.ExportParameters(includePrivateParameters: false), digest, signature, algorithm.Hash, (int)saltLength));
    }
}
