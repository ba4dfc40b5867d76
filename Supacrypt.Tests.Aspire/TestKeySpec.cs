using System.Security.Cryptography;
using Supacrypt.V1;

namespace Supacrypt.Tests.Aspire;

// The two kinds of key every RPC is exercised with, and how to check their public keys and signatures locally.
public sealed record TestKeySpec(string Label, KeyAlgorithm Algorithm, KeyParameters Parameters)
{
    public const string Rsa = "rsa";
    public const string Ec = "ec";

    private const string NistP256Oid = "1.2.840.10045.3.1.7";

    public static TestKeySpec Named(string label) => label switch
    {
        Rsa => new(Rsa, KeyAlgorithm.Rsa, new KeyParameters { RsaParams = new V1.RSAParameters { KeySize = RSAKeySize._2048 } }),
        Ec => new(Ec, KeyAlgorithm.Ecc, new KeyParameters { EccParams = new ECCParameters { Curve = ECCCurve.P256 } }),
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, "Known key kinds: rsa, ec."),
    };

    // Key Vault's rule for names: ^[0-9a-zA-Z-]{1,127}$. Unique per call, so tests never see each other's keys.
    public static string UniqueKeyName(string label) => $"aspire-{label}-{Guid.NewGuid():N}";

    public GenerateKeyRequest GenerateRequest(string name) => new()
    {
        Version = 1,
        Name = name,
        Algorithm = Algorithm,
        Parameters = Parameters,
    };

    // key_data is DER SubjectPublicKeyInfo for RSA and EC alike.
    public void AssertIsItsPublicKey(PublicKey publicKey)
    {
        var der = publicKey.KeyData.ToByteArray();
        if (Label == Rsa)
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(der, out _);
            Assert.Equal(2048, rsa.KeySize);
        }
        else
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(der, out _);
            Assert.Equal(NistP256Oid, ecdsa.ExportParameters(includePrivateParameters: false).Curve.Oid.Value);
        }
    }

    // The contract's defaults: RSA signs PKCS#1 v1.5 with SHA-256; ECDSA P-256 signs with SHA-256, r‖s (IEEE P1363).
    public bool VerifiesWithDefaults(PublicKey publicKey, byte[] data, byte[] signature)
    {
        var der = publicKey.KeyData.ToByteArray();
        if (Label == Rsa)
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(der, out _);
            return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(der, out _);
        return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
