using System.Security.Cryptography;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;
using static Supacrypt.Tests.Interop.BackendKeys;
using ContractHash = Supacrypt.V1.HashAlgorithm;

namespace Supacrypt.Tests.Interop;

[Collection(BackendTests.Name)]
public sealed class OpensslEncryptionTests(BackendFixture fixture) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public enum Padding
    {
        OaepSha256,
        OaepSha1,
        Pkcs1,
    }

    public static TheoryData<TestKey, Padding> Combinations()
    {
        var data = new TheoryData<TestKey, Padding>();
        foreach (var key in new[] { TestKey.Rsa2048, TestKey.Rsa3072 })
        {
            foreach (var padding in Enum.GetValues<Padding>())
            {
                data.Add(key, padding);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Backend_decrypts_what_openssl_encrypted_with_its_public_key(TestKey keyShape, Padding padding)
    {
        var key = await fixture.SharedKeyAsync(keyShape);
        var modulusBytes = keyShape == TestKey.Rsa2048 ? 256 : 384;
        var longest = padding switch
        {
            Padding.OaepSha256 => modulusBytes - 66,
            Padding.OaepSha1 => modulusBytes - 42,
            _ => modulusBytes - 11,
        };

        foreach (var length in new[] { 1, 32, longest })
        {
            var plaintext = RandomNumberGenerator.GetBytes(length);
            var ciphertext = await OpensslEncryptAsync(key.PublicKey, plaintext, padding);
            Assert.Equal(modulusBytes, ciphertext.Length);

            var decrypted = await fixture.Client.DecryptDataAsync(new DecryptDataRequest
            {
                KeyId = key.Metadata.Name, Ciphertext = Bytes(ciphertext), Parameters = Parameters(padding),
            });

            Assert.True(decrypted.ResultCase == DecryptDataResponse.ResultOneofCase.Success, $"DecryptData failed: {decrypted.Error}");
            Assert.Equal(plaintext, decrypted.Success.Plaintext.ToByteArray());
            Assert.Equal(key.Metadata.KeyId, decrypted.Success.KeyId);
        }
    }

    [Fact]
    public async Task An_openssl_ciphertext_is_not_decrypted_with_another_padding()
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);
        var ciphertext = await OpensslEncryptAsync(key.PublicKey, RandomNumberGenerator.GetBytes(16), Padding.OaepSha1);

        var decrypted = await fixture.Client.DecryptDataAsync(new DecryptDataRequest
        {
            KeyId = key.Metadata.Name, Ciphertext = Bytes(ciphertext), Parameters = Parameters(Padding.OaepSha256),
        });

        Assert.Equal(DecryptDataResponse.ResultOneofCase.Error, decrypted.ResultCase);
        Assert.Equal(ErrorCode.DecryptionFailed, decrypted.Error.Code);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<byte[]> OpensslEncryptAsync(PublicKey publicKey, byte[] plaintext, Padding padding)
    {
        var id = FileName("encrypt");
        var pub = _directory.WritePublicKeyPem($"{id}.pub.pem", publicKey.KeyData.ToByteArray());
        var input = _directory.Write($"{id}.plain", plaintext);
        string[] options = padding switch
        {
            Padding.OaepSha256 => ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"],
            Padding.OaepSha1 => ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1"],
            _ => ["-pkeyopt", "rsa_padding_mode:pkcs1"],
        };
        await _directory.OpenSslCheckedAsync(["pkeyutl", "-encrypt", "-pubin", "-inkey", pub, "-in", input, "-out", $"{id}.ct", .. options]);
        return _directory.Read($"{id}.ct");
    }

    private static EncryptionParameters Parameters(Padding padding) => new()
    {
        RsaParams = padding switch
        {
            Padding.OaepSha256 => new RSAEncryptionParameters { PaddingScheme = RSAPaddingScheme.RsaPaddingOaep, OaepHash = ContractHash.Sha256 },
            Padding.OaepSha1 => new RSAEncryptionParameters { PaddingScheme = RSAPaddingScheme.RsaPaddingOaep },
            _ => new RSAEncryptionParameters { PaddingScheme = RSAPaddingScheme.RsaPaddingPkcs1 },
        },
    };
}
