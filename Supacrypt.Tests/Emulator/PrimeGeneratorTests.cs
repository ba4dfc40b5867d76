using System.Numerics;
using System.Security.Cryptography;
using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.Tests.Emulator;

public sealed class PrimeGeneratorTests
{
    [Theory]
    [InlineData("2")]
    [InlineData("7919")]
    [InlineData("170141183460469231731687303715884105727")] // 2^127 - 1
    public void Miller_rabin_accepts_primes(string value) => Assert.True(PrimeGenerator.IsProbablePrime(BigInteger.Parse(value, System.Globalization.CultureInfo.InvariantCulture), 20));

    [Theory]
    [InlineData("1")]
    [InlineData("561")] // Carmichael number: fools Fermat, not Miller-Rabin
    [InlineData("41041")]
    [InlineData("170141183460469231731687303715884105729")]
    public void Miller_rabin_rejects_composites(string value) => Assert.False(PrimeGenerator.IsProbablePrime(BigInteger.Parse(value, System.Globalization.CultureInfo.InvariantCulture), 20));

    [Fact]
    public void Generated_prime_has_requested_size_and_suits_exponent_3()
    {
        var prime = PrimeGenerator.Next(512, 3);
        Assert.Equal(512, prime.GetBitLength());
        Assert.NotEqual(BigInteger.One, prime % 3);
        Assert.True(PrimeGenerator.IsProbablePrime(prime, 20));
    }

    [Fact]
    public void Rsa_key_with_exponent_3_imports_and_decrypts_what_its_public_key_encrypts()
    {
        var parameters = RsaKeyBuilder.Generate(2048, 3);
        Assert.Equal([3], parameters.Exponent);
        using var rsa = RSA.Create();
        rsa.ImportParameters(parameters);
        Assert.Equal(2048, rsa.KeySize);
        var secret = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(secret, rsa.Decrypt(rsa.Encrypt(secret, RSAEncryptionPadding.OaepSHA256), RSAEncryptionPadding.OaepSHA256));
    }
}
