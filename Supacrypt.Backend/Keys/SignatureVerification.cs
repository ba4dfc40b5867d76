using System.Security.Cryptography;
using Supacrypt.Backend.KeyVault;
using Supacrypt.V1;

namespace Supacrypt.Backend.Keys;

public sealed record VerificationResult(KeyDescription Key, SignatureAlgorithm Algorithm, uint SaltLength, bool IsValid);

/// <summary>
/// VerifySignature, performed locally with the cached public key as Microsoft's SDK does: it saves Key Vault
/// quota and admits any PSS salt length the client names.
/// </summary>
public sealed class SignatureVerification(PublicKeyCache cache, TimeProvider time)
{
    public async Task<VerificationResult> VerifyAsync(
        KeyReference reference, byte[] data, byte[] signature, bool isPrehashed, SigningParameters? parameters, CancellationToken cancellationToken)
    {
        var cached = await cache.GetAsync(reference.Name, reference.Version, cancellationToken);
        var key = cached.Description;
        var algorithm = SignatureAlgorithm.Resolve(key, parameters, forVerification: true);
        var digest = HashAlgorithms.Digest(algorithm.Hash, data, isPrehashed);
        KeyUsage.EnsureAllowed(key, "verify", time.GetUtcNow());

        var saltLength = algorithm.IsPss ? (parameters?.RsaParams?.SaltLength is > 0 and var requested ? requested : (uint)algorithm.DigestLength) : 0;
        var isValid = key.Kind == KeyKind.Ec
            ? VerifyEcdsa(cached, digest, signature)
            : VerifyRsa(cached, algorithm, digest, signature, saltLength);
        return new VerificationResult(key, algorithm, saltLength, isValid);
    }

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
