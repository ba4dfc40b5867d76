using System.Security.Cryptography;
using Google.Protobuf;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;
using ContractHash = Supacrypt.V1.HashAlgorithm;

namespace Supacrypt.Tests.Backend;

[Collection(BackendTests.Name)]
public sealed class EncryptAndDecryptTests(BackendFixture fixture)
{
    private static readonly ByteString Secret = ByteString.CopyFromUtf8("a 32-byte session key, honestly!");

    public static TheoryData<TestKey, RSAPaddingScheme, ContractHash> Paddings() => new()
    {
        { TestKey.Rsa2048, RSAPaddingScheme.RsaPaddingPkcs1, ContractHash.Unspecified },
        { TestKey.Rsa2048, RSAPaddingScheme.RsaPaddingOaep, ContractHash.Unspecified },
        { TestKey.Rsa2048, RSAPaddingScheme.RsaPaddingOaep, ContractHash.Sha256 },
        { TestKey.Rsa3072, RSAPaddingScheme.RsaPaddingPkcs1, ContractHash.Unspecified },
        { TestKey.Rsa3072, RSAPaddingScheme.RsaPaddingOaep, ContractHash.Unspecified },
        { TestKey.Rsa3072, RSAPaddingScheme.RsaPaddingOaep, ContractHash.Sha256 },
    };

    [Theory]
    [MemberData(nameof(Paddings))]
    public async Task Backend_ciphertext_decrypts_in_the_backend(TestKey keyShape, RSAPaddingScheme padding, ContractHash oaepHash)
    {
        var key = await fixture.SharedKeyAsync(keyShape);
        var parameters = Parameters(padding, oaepHash);

        var encrypted = await fixture.Client.EncryptDataAsync(new EncryptDataRequest { KeyId = key.Metadata.Name, Plaintext = Secret, Parameters = parameters });
        Assert.Equal(EncryptDataResponse.ResultOneofCase.Success, encrypted.ResultCase);
        Assert.Equal(parameters, encrypted.Success.Parameters);

        var decrypted = await fixture.Client.DecryptDataAsync(new DecryptDataRequest { KeyId = encrypted.Success.KeyId, Ciphertext = encrypted.Success.Ciphertext, Parameters = parameters });

        Assert.Equal(Secret, decrypted.Success.Plaintext);
        Assert.Equal(key.Metadata.KeyId, decrypted.Success.KeyId);
    }

    [Theory]
    [MemberData(nameof(Paddings))]
    public async Task Ciphertext_made_by_dotnet_with_the_public_key_decrypts_in_the_backend(TestKey keyShape, RSAPaddingScheme padding, ContractHash oaepHash)
    {
        var key = await fixture.SharedKeyAsync(keyShape);
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.PublicKey.KeyData.Span, out _);
        var dotnetPadding = padding == RSAPaddingScheme.RsaPaddingPkcs1 ? RSAEncryptionPadding.Pkcs1
            : oaepHash == ContractHash.Sha256 ? RSAEncryptionPadding.OaepSHA256 : RSAEncryptionPadding.OaepSHA1;
        var ciphertext = rsa.Encrypt(Secret.ToByteArray(), dotnetPadding);

        var decrypted = await fixture.Client.DecryptDataAsync(new DecryptDataRequest
        {
            KeyId = key.Metadata.Name, Ciphertext = ByteString.CopyFrom(ciphertext), Parameters = Parameters(padding, oaepHash),
        });

        Assert.Equal(Secret, decrypted.Success.Plaintext);
    }

    [Fact]
    public async Task Unset_padding_means_oaep_with_sha1()
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);

        var encrypted = await fixture.Client.EncryptDataAsync(new EncryptDataRequest { KeyId = key.Metadata.Name, Plaintext = Secret });

        Assert.Equal(RSAPaddingScheme.RsaPaddingOaep, encrypted.Success.Parameters.RsaParams.PaddingScheme);
        Assert.Equal(ContractHash.Unspecified, encrypted.Success.Parameters.RsaParams.OaepHash);
        var decrypted = await fixture.Client.DecryptDataAsync(new DecryptDataRequest
        {
            KeyId = key.Metadata.Name, Ciphertext = encrypted.Success.Ciphertext, Parameters = Parameters(RSAPaddingScheme.RsaPaddingOaep, ContractHash.Unspecified),
        });
        Assert.Equal(Secret, decrypted.Success.Plaintext);
    }

    [Theory]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, ContractHash.Sha384, false, ErrorCode.PaddingNotSupported)]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, ContractHash.Sha512, false, ErrorCode.PaddingNotSupported)]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, ContractHash.Sha256, true, ErrorCode.PaddingNotSupported)]
    [InlineData(RSAPaddingScheme.RsaPaddingPss, ContractHash.Unspecified, false, ErrorCode.PaddingNotSupported)]
    [InlineData(RSAPaddingScheme.RsaPaddingPkcs1, ContractHash.Sha256, false, ErrorCode.InvalidRequest)]
    [InlineData((RSAPaddingScheme)7, ContractHash.Unspecified, false, ErrorCode.PaddingNotSupported)]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, (ContractHash)8, false, ErrorCode.HashNotSupported)]
    public async Task Encryption_parameters_that_cannot_be_honoured_are_refused(RSAPaddingScheme padding, ContractHash oaepHash, bool withLabel, ErrorCode expected)
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);
        var parameters = Parameters(padding, oaepHash);
        if (withLabel)
        {
            parameters.RsaParams.OaepLabel = ByteString.CopyFromUtf8("label");
        }

        var encrypted = await fixture.Client.EncryptDataAsync(new EncryptDataRequest { KeyId = key.Metadata.Name, Plaintext = Secret, Parameters = parameters });
        var decrypted = await fixture.Client.DecryptDataAsync(new DecryptDataRequest { KeyId = key.Metadata.Name, Ciphertext = ByteString.CopyFrom(new byte[256]), Parameters = parameters });

        Assert.Equal(expected, encrypted.Error.Code);
        Assert.Equal(expected, decrypted.Error.Code);
    }

    [Theory]
    [InlineData(RSAPaddingScheme.RsaPaddingPkcs1, ContractHash.Unspecified, 245)]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, ContractHash.Unspecified, 214)]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, ContractHash.Sha256, 190)]
    public async Task Plaintext_longer_than_the_padding_allows_is_refused_naming_the_maximum(RSAPaddingScheme padding, ContractHash oaepHash, int maximum)
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);
        var parameters = Parameters(padding, oaepHash);

        var fits = await fixture.Client.EncryptDataAsync(new EncryptDataRequest { KeyId = key.Metadata.Name, Plaintext = ByteString.CopyFrom(new byte[maximum]), Parameters = parameters });
        var tooLong = await fixture.Client.EncryptDataAsync(new EncryptDataRequest { KeyId = key.Metadata.Name, Plaintext = ByteString.CopyFrom(new byte[maximum + 1]), Parameters = parameters });

        Assert.Equal(EncryptDataResponse.ResultOneofCase.Success, fits.ResultCase);
        Assert.Equal(ErrorCode.InvalidRequest, tooLong.Error.Code);
        Assert.Contains($"at most {maximum} bytes", tooLong.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ec_keys_cannot_encrypt_or_decrypt()
    {
        var key = await fixture.SharedKeyAsync(TestKey.P256);

        var encrypted = await fixture.Client.EncryptDataAsync(new EncryptDataRequest { KeyId = key.Metadata.Name, Plaintext = Secret });
        var decrypted = await fixture.Client.DecryptDataAsync(new DecryptDataRequest { KeyId = key.Metadata.Name, Ciphertext = Secret });

        Assert.Equal(ErrorCode.OperationNotSupported, encrypted.Error.Code);
        Assert.Equal(ErrorCode.OperationNotSupported, decrypted.Error.Code);
    }

    [Fact]
    public async Task A_tampered_ciphertext_is_decryption_failed_without_detail()
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);
        var parameters = Parameters(RSAPaddingScheme.RsaPaddingPkcs1, ContractHash.Unspecified);
        var encrypted = await fixture.Client.EncryptDataAsync(new EncryptDataRequest { KeyId = key.Metadata.Name, Plaintext = Secret, Parameters = parameters });
        var ciphertext = encrypted.Success.Ciphertext.ToByteArray();
        ciphertext[10] ^= 0xFF;

        var decrypted = await fixture.Client.DecryptDataAsync(new DecryptDataRequest { KeyId = key.Metadata.Name, Ciphertext = ByteString.CopyFrom(ciphertext), Parameters = parameters });

        Assert.Equal(ErrorCode.DecryptionFailed, decrypted.Error.Code);
        Assert.DoesNotContain("padding", decrypted.Error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(decrypted.Error.Details);
    }

    [Fact]
    public async Task A_ciphertext_of_the_wrong_length_is_invalid_request()
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);

        var decrypted = await fixture.Client.DecryptDataAsync(new DecryptDataRequest { KeyId = key.Metadata.Name, Ciphertext = ByteString.CopyFrom(new byte[255]) });

        Assert.Equal(ErrorCode.InvalidRequest, decrypted.Error.Code);
        Assert.Contains("exactly 256 bytes", decrypted.Error.Message, StringComparison.Ordinal);
    }

    internal static EncryptionParameters Parameters(RSAPaddingScheme padding, ContractHash oaepHash) => new()
    {
        RsaParams = new RSAEncryptionParameters { PaddingScheme = padding, OaepHash = oaepHash },
    };
}
