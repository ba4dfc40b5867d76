using System.Security.Cryptography;
using Supacrypt.V1;

namespace Supacrypt.Client;

/// <summary>
/// Ready .NET keys from the contract's <see cref="PublicKey"/>, whose <see cref="PublicKey.KeyData"/> is a DER
/// SubjectPublicKeyInfo (RFC 5280 4.1.2.7). The same bytes are what <c>openssl pkey -pubin -inform DER</c> reads;
/// as PEM they are <c>PemEncoding.WriteString("PUBLIC KEY", keyData)</c>.
/// </summary>
public static class PublicKeys
{
    /// <summary>The RSA public key; the caller disposes it.</summary>
    /// <exception cref="ArgumentException">The key is not an RSA key.</exception>
    public static RSA ToRsa(this PublicKey publicKey)
    {
        var subjectPublicKeyInfo = KeyDataOf(publicKey);
        if (publicKey.Algorithm != KeyAlgorithm.Rsa)
        {
            throw new ArgumentException($"The key is {publicKey.Algorithm}, not RSA; use ToECDsa.", nameof(publicKey));
        }

        var rsa = RSA.Create();
        return Imported(rsa, subjectPublicKeyInfo);
    }

    /// <summary>The ECDSA public key; the caller disposes it. Its VerifyData takes the contract's IEEE P1363 signatures as they are.</summary>
    /// <exception cref="ArgumentException">The key is not an elliptic-curve key.</exception>
    public static ECDsa ToECDsa(this PublicKey publicKey)
    {
        var subjectPublicKeyInfo = KeyDataOf(publicKey);
        if (publicKey.Algorithm is not (KeyAlgorithm.Ecc or KeyAlgorithm.Ecdsa))
        {
            throw new ArgumentException($"The key is {publicKey.Algorithm}, not an elliptic-curve key; use ToRsa.", nameof(publicKey));
        }

        var ecdsa = ECDsa.Create();
        return Imported(ecdsa, subjectPublicKeyInfo);
    }

    /// <summary>The public key as PEM (<c>-----BEGIN PUBLIC KEY-----</c>), for openssl and files.</summary>
    public static string ToPem(this PublicKey publicKey) => PemEncoding.WriteString("PUBLIC KEY", KeyDataOf(publicKey));

    private static byte[] KeyDataOf(PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return publicKey.KeyData.IsEmpty
            ? throw new ArgumentException("The key carries no key_data; ask GetKey with include_public_key = true.", nameof(publicKey))
            : publicKey.KeyData.ToByteArray();
    }

    private static T Imported<T>(T key, byte[] subjectPublicKeyInfo) where T : AsymmetricAlgorithm
    {
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
