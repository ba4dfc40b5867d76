using System.Numerics;
using System.Security.Cryptography;

namespace Supacrypt.Backend.Keys;

/// <summary>
/// RSASSA-PSS verification with an explicit salt length (RFC 8017 §8.1.2, §9.1.2). .NET verifies PSS only with a
/// salt as long as the digest; providers may have signed with any salt length and name it in the request.
/// </summary>
public static class PssSignature
{
    public static bool Verify(RSAParameters publicKey, byte[] digest, byte[] signature, HashAlgorithmName hash, int saltLength)
    {
        var n = new BigInteger(publicKey.Modulus, isUnsigned: true, isBigEndian: true);
        var e = new BigInteger(publicKey.Exponent, isUnsigned: true, isBigEndian: true);
        var modulusBits = (int)n.GetBitLength();
        var k = (modulusBits + 7) / 8;
        if (signature.Length != k)
        {
            return false;
        }

        var s = new BigInteger(signature, isUnsigned: true, isBigEndian: true);
        if (s >= n)
        {
            return false;
        }

        var emBits = modulusBits - 1;
        var emLength = (emBits + 7) / 8;
        var m = BigInteger.ModPow(s, e, n);
        if (m.GetByteCount(isUnsigned: true) > emLength)
        {
            return false;
        }

        var encoded = new byte[emLength];
        m.TryWriteBytes(encoded.AsSpan(emLength - m.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return VerifyEncoding(digest, encoded, emBits, hash, saltLength);
    }

    private static bool VerifyEncoding(byte[] digest, byte[] encoded, int emBits, HashAlgorithmName hash, int saltLength)
    {
        var hashLength = digest.Length;
        var emLength = encoded.Length;
        if (saltLength < 0 || emLength < hashLength + (long)saltLength + 2 || encoded[^1] != 0xBC)
        {
            return false;
        }

        var dbLength = emLength - hashLength - 1;
        var maskedDb = encoded.AsSpan(0, dbLength);
        var h = encoded.AsSpan(dbLength, hashLength);
        var unusedBits = (8 * emLength) - emBits;
        var topMask = (byte)(0xFF >> unusedBits);
        if ((maskedDb[0] & ~topMask) != 0)
        {
            return false;
        }

        var db = Mgf1(h, dbLength, hash);
        for (var i = 0; i < dbLength; i++)
        {
            db[i] ^= maskedDb[i];
        }

        db[0] &= topMask;
        var separator = dbLength - saltLength - 1;
        for (var i = 0; i < separator; i++)
        {
            if (db[i] != 0)
            {
                return false;
            }
        }

        if (db[separator] != 0x01)
        {
            return false;
        }

        var mPrime = new byte[8 + hashLength + saltLength];
        digest.CopyTo(mPrime, 8);
        db.AsSpan(dbLength - saltLength).CopyTo(mPrime.AsSpan(8 + hashLength));
        return CryptographicOperations.FixedTimeEquals(CryptographicOperations.HashData(hash, mPrime), h);
    }

    private static byte[] Mgf1(ReadOnlySpan<byte> seed, int length, HashAlgorithmName hash)
    {
        var output = new byte[length];
        var input = new byte[seed.Length + 4];
        seed.CopyTo(input);
        var written = 0;
        for (uint counter = 0; written < length; counter++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(seed.Length), counter);
            var block = CryptographicOperations.HashData(hash, input);
            var take = Math.Min(block.Length, length - written);
            block.AsSpan(0, take).CopyTo(output.AsSpan(written));
            written += take;
        }

        return output;
    }
}
