using System.Security.Cryptography;
using Supacrypt.Backend.KeyVault.Models;

namespace Supacrypt.Backend.Keys;

/// <summary>Turns a Key Vault JWK's public members into .NET keys and DER SubjectPublicKeyInfo.</summary>
public static class PublicKeyEncoding
{
    public static RSA ToRsa(JsonWebKey jwk)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = TrimLeadingZeros(jwk.N!), Exponent = TrimLeadingZeros(jwk.E!) });
        return rsa;
    }

    public static ECDsa ToEcdsa(JsonWebKey jwk, NamedCurve curve)
    {
        var length = Curves.FieldLength(curve);
        return ECDsa.Create(new ECParameters
        {
            Curve = Curves.ToDotNet(curve),
            Q = new ECPoint { X = LeftPad(jwk.X!, length), Y = LeftPad(jwk.Y!, length) },
        });
    }

    /// <summary>DER SubjectPublicKeyInfo, what <c>openssl pkey -pubin -inform DER</c> and every provider read.</summary>
    public static byte[] ToSubjectPublicKeyInfo(KeyDescription key)
    {
        using AsymmetricAlgorithm algorithm = key.Kind == KeyKind.Rsa ? ToRsa(key.Bundle.Key) : ToEcdsa(key.Bundle.Key, key.Curve);
        return algorithm.ExportSubjectPublicKeyInfo();
    }

    // Some JWK producers keep a sign byte on the modulus; .NET wants the minimal big-endian form.
    private static byte[] TrimLeadingZeros(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return start == 0 ? value : value[start..];
    }

    private static byte[] LeftPad(byte[] value, int length)
    {
        if (value.Length >= length)
        {
            return value[^length..];
        }

        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }
}
