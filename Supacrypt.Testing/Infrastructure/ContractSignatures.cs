using System.Security.Cryptography;
using Supacrypt.V1;
using ContractHash = Supacrypt.V1.HashAlgorithm;

namespace Supacrypt.Tests.Infrastructure;

/// <summary>Signing parameters in the contract's terms, and an independent check of a signature with .NET's own crypto.</summary>
public static class ContractSignatures
{
    public static SigningParameters Parameters(ContractHash hash, RSAPaddingScheme padding) =>
        padding == RSAPaddingScheme.RsaPaddingUnspecified
            ? new SigningParameters { HashAlgorithm = hash, EccParams = new ECCSigningParameters() }
            : new SigningParameters { HashAlgorithm = hash, RsaParams = new RSASigningParameters { PaddingScheme = padding } };

    public static bool VerifiesWithDotNet(PublicKey publicKey, ContractHash hash, RSAPaddingScheme padding, byte[] data, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var hashName = hash switch { ContractHash.Sha384 => HashAlgorithmName.SHA384, ContractHash.Sha512 => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        if (publicKey.Algorithm == KeyAlgorithm.Rsa)
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(publicKey.KeyData.Span, out _);
            return rsa.VerifyData(data, signature, hashName, padding == RSAPaddingScheme.RsaPaddingPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
        }

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(publicKey.KeyData.Span, out _);
        return ecdsa.VerifyData(data, signature, hashName, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
