using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.Keys;

public sealed record VerificationResult(KeyDescription Key, SignatureAlgorithm Algorithm, uint SaltLength, bool IsValid);

/// <summary>
/// VerifySignature through the local provider, with the cached public key as Microsoft's SDK does: it saves Key
/// Vault quota and admits any PSS salt length the client names.
/// </summary>
public sealed class SignatureVerification(KeyResolution keys)
{
    public async Task<VerificationResult> VerifyAsync(
        KeyReference reference, byte[] data, byte[] signature, bool isPrehashed, SigningRequest request, OperationTags tags, CancellationToken cancellationToken)
    {
        var (cached, algorithm) = await keys.ResolveAsync(reference, request, SignatureAlgorithm.ForVerification, tags, cancellationToken);
        var digest = HashAlgorithms.Digest(algorithm.Hash, data, isPrehashed);
        keys.EnsureAllowed(cached.Description, "verify");

        var saltLength = algorithm.IsPss ? (request.SaltLength > 0 ? request.SaltLength : (uint)algorithm.DigestLength) : 0;
        return new VerificationResult(cached.Description, algorithm, saltLength, LocalCryptography.Verify(cached, algorithm, digest, signature, saltLength));
    }
}
