using System.Security.Cryptography;

namespace Supacrypt.Benchmarking;

/// <summary>
/// The same operation as the service performs, done by .NET in this process with a key of the same shape: the
/// yardstick that makes a service figure from a noisy machine comparable to one from another machine.
/// </summary>
public static class RawCrypto
{
    /// <summary>A factory of per-thread operations (each thread gets its own key object: they are not thread-safe).</summary>
    public static Func<Action> Prepare(BenchOperation operation, KeyShape shape, byte[] payload)
    {
        if (shape.IsRsa())
        {
            var bits = shape.RsaBits();
            if (operation == BenchOperation.Generate)
            {
                return () => () => RSA.Create(bits).Dispose();
            }

            using var template = RSA.Create(bits);
            var parameters = template.ExportParameters(includePrivateParameters: true);
            var signature = template.SignData(payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var ciphertext = template.Encrypt(payload, RSAEncryptionPadding.OaepSHA256);
            return () =>
            {
                var rsa = RSA.Create(parameters);
                return operation switch
                {
                    BenchOperation.Sign => () => rsa.SignData(payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                    BenchOperation.Verify => () => rsa.VerifyData(payload, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                    BenchOperation.Encrypt => () => rsa.Encrypt(payload, RSAEncryptionPadding.OaepSHA256),
                    _ => () => rsa.Decrypt(ciphertext, RSAEncryptionPadding.OaepSHA256),
                };
            };
        }

        var (curve, hash) = shape switch
        {
            KeyShape.P384 => (ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384),
            KeyShape.P521 => (ECCurve.NamedCurves.nistP521, HashAlgorithmName.SHA512),
            _ => (ECCurve.NamedCurves.nistP256, HashAlgorithmName.SHA256),
        };
        if (operation == BenchOperation.Generate)
        {
            return () => () => ECDsa.Create(curve).Dispose();
        }

        using var ecTemplate = ECDsa.Create(curve);
        var ecParameters = ecTemplate.ExportParameters(includePrivateParameters: true);
        var ecSignature = ecTemplate.SignData(payload, hash);
        return () =>
        {
            var ecdsa = ECDsa.Create(ecParameters);
            return operation == BenchOperation.Verify
                ? () => ecdsa.VerifyData(payload, ecSignature, hash)
                : () => ecdsa.SignData(payload, hash);
        };
    }
}
