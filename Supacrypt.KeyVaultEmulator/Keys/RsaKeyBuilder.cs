using System.Numerics;
using System.Security.Cryptography;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>
/// Builds RSA keys with a chosen public exponent. .NET's <c>RSA.Create(bits)</c> always uses 65537, so other
/// exponents (Key Vault also allows 3) are generated here from our own primes.
/// </summary>
public static class RsaKeyBuilder
{
    public static RSAParameters Generate(int bits, int publicExponent)
    {
        if (publicExponent == 65537)
        {
            using var rsa = RSA.Create(bits);
            return rsa.ExportParameters(includePrivateParameters: true);
        }

        var e = new BigInteger(publicExponent);
        while (true)
        {
            var p = PrimeGenerator.Next(bits / 2, publicExponent);
            var q = PrimeGenerator.Next(bits / 2, publicExponent);
            if (p == q)
            {
                continue;
            }

            if (p < q)
            {
                (p, q) = (q, p);
            }

            var n = p * q;
            if (n.GetBitLength() != bits)
            {
                continue;
            }

            var phi = (p - 1) * (q - 1);
            var d = ModInverse(e, phi);
            var half = bits / 16;
            return new RSAParameters
            {
                Modulus = ToBytes(n, bits / 8),
                Exponent = ToBytes(e, e.GetByteCount(isUnsigned: true)),
                D = ToBytes(d, bits / 8),
                P = ToBytes(p, half),
                Q = ToBytes(q, half),
                DP = ToBytes(d % (p - 1), half),
                DQ = ToBytes(d % (q - 1), half),
                InverseQ = ToBytes(ModInverse(q, p), half),
            };
        }
    }

    /// <summary>Big-endian unsigned bytes left-padded to the length the platform expects.</summary>
    private static byte[] ToBytes(BigInteger value, int length)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (raw.Length == length)
        {
            return raw;
        }

        var padded = new byte[length];
        raw.CopyTo(padded, length - raw.Length);
        return padded;
    }

    /// <summary>Extended Euclid: x with a·x ≡ 1 (mod m).</summary>
    private static BigInteger ModInverse(BigInteger a, BigInteger m)
    {
        BigInteger oldR = a % m, r = m, oldS = 1, s = 0;
        while (!r.IsZero)
        {
            var quotient = oldR / r;
            (oldR, r) = (r, oldR - (quotient * r));
            (oldS, s) = (s, oldS - (quotient * s));
        }

        if (!oldR.IsOne)
        {
            throw new CryptographicException("The public exponent is not invertible for these primes.");
        }

        return ((oldS % m) + m) % m;
    }
}
