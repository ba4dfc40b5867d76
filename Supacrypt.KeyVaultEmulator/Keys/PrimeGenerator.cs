using System.Numerics;
using System.Security.Cryptography;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>Random probable primes for RSA keys whose exponent the platform generator cannot choose.</summary>
public static class PrimeGenerator
{
    private static readonly int[] SmallPrimes = [.. Enumerable.Range(3, 2000).Where(IsSmallPrime)];

    /// <summary>
    /// A random prime of exactly <paramref name="bits"/> bits with its two top bits set (so p·q has
    /// 2·bits bits) and gcd(e, p−1) = 1.
    /// </summary>
    public static BigInteger Next(int bits, int publicExponent)
    {
        var bytes = new byte[bits / 8];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            bytes[0] |= 0xC0;
            bytes[^1] |= 0x01;
            var candidate = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
            if (BigInteger.GreatestCommonDivisor(candidate - 1, publicExponent) != BigInteger.One)
            {
                continue;
            }

            if (PassesTrialDivision(candidate) && IsProbablePrime(candidate, rounds: 40))
            {
                return candidate;
            }
        }
    }

    private static bool PassesTrialDivision(BigInteger candidate)
    {
        foreach (var prime in SmallPrimes)
        {
            if (candidate % prime == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Miller–Rabin with random bases.</summary>
    public static bool IsProbablePrime(BigInteger n, int rounds)
    {
        if (n < 4)
        {
            return n == 2 || n == 3;
        }

        if (n.IsEven)
        {
            return false;
        }

        var d = n - 1;
        var s = 0;
        while (d.IsEven)
        {
            d >>= 1;
            s++;
        }

        var buffer = new byte[n.GetByteCount(isUnsigned: true)];
        for (var round = 0; round < rounds; round++)
        {
            BigInteger a;
            do
            {
                RandomNumberGenerator.Fill(buffer);
                a = new BigInteger(buffer, isUnsigned: true, isBigEndian: true) % n;
            }
            while (a < 2 || a > n - 2);

            var x = BigInteger.ModPow(a, d, n);
            if (x.IsOne || x == n - 1)
            {
                continue;
            }

            var witness = true;
            for (var i = 1; i < s && witness; i++)
            {
                x = BigInteger.ModPow(x, 2, n);
                witness = x != n - 1;
            }

            if (witness)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSmallPrime(int value)
    {
        for (var divisor = 2; divisor * divisor <= value; divisor++)
        {
            if (value % divisor == 0)
            {
                return false;
            }
        }

        return true;
    }
}
