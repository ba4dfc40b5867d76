using Google.Protobuf;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;
using ContractHash = Supacrypt.V1.HashAlgorithm;

namespace Supacrypt.Tests.Backend;

[Collection(BackendTests.Name)]
public sealed class SigningRefusalTests(BackendFixture fixture)
{
    private static readonly ByteString Data = ByteString.CopyFromUtf8("payload");

    [Theory]
    [InlineData(TestKey.P256, ContractHash.Sha384)]
    [InlineData(TestKey.P384, ContractHash.Sha256)]
    [InlineData(TestKey.P521, ContractHash.Sha256)]
    public async Task Ecdsa_with_a_hash_that_does_not_match_the_curve_is_hash_not_supported(TestKey keyShape, ContractHash hash)
    {
        var key = await fixture.SharedKeyAsync(keyShape);

        var response = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = Data, Parameters = new SigningParameters { HashAlgorithm = hash } });

        Assert.Equal(ErrorCode.HashNotSupported, response.Error.Code);
    }

    [Fact]
    public async Task Pss_with_a_salt_length_other_than_the_digest_length_is_padding_not_supported()
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);
        var parameters = new SigningParameters
        {
            HashAlgorithm = ContractHash.Sha256,
            RsaParams = new RSASigningParameters { PaddingScheme = RSAPaddingScheme.RsaPaddingPss, SaltLength = 20 },
        };

        var response = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = Data, Parameters = parameters });

        Assert.Equal(ErrorCode.PaddingNotSupported, response.Error.Code);
        Assert.Contains("32 bytes", response.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, 0u, ErrorCode.PaddingNotSupported)]
    [InlineData((RSAPaddingScheme)9, 0u, ErrorCode.PaddingNotSupported)]
    [InlineData(RSAPaddingScheme.RsaPaddingPkcs1, 32u, ErrorCode.PaddingNotSupported)]
    public async Task Rsa_signing_padding_that_cannot_be_honoured_is_refused(RSAPaddingScheme padding, uint saltLength, ErrorCode expected)
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);
        var parameters = new SigningParameters { RsaParams = new RSASigningParameters { PaddingScheme = padding, SaltLength = saltLength } };

        var response = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = Data, Parameters = parameters });

        Assert.Equal(expected, response.Error.Code);
    }

    [Fact]
    public async Task A_hash_number_outside_the_contract_is_hash_not_supported()
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);

        var response = await fixture.Client.SignDataAsync(new SignDataRequest
        {
            KeyId = key.Metadata.Name, Data = Data, Parameters = new SigningParameters { HashAlgorithm = (ContractHash)42 },
        });

        Assert.Equal(ErrorCode.HashNotSupported, response.Error.Code);
    }

    [Theory]
    [InlineData(TestKey.Rsa2048)]
    [InlineData(TestKey.P256)]
    public async Task Parameters_for_the_other_key_type_are_invalid_request(TestKey keyShape)
    {
        var key = await fixture.SharedKeyAsync(keyShape);
        var parameters = keyShape == TestKey.P256
            ? new SigningParameters { RsaParams = new RSASigningParameters { PaddingScheme = RSAPaddingScheme.RsaPaddingPkcs1 } }
            : new SigningParameters { EccParams = new ECCSigningParameters() };

        var response = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = Data, Parameters = parameters });

        Assert.Equal(ErrorCode.InvalidRequest, response.Error.Code);
    }

    [Fact]
    public async Task A_prehashed_digest_of_the_wrong_length_is_invalid_request()
    {
        var key = await fixture.SharedKeyAsync(TestKey.P256);

        var response = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = ByteString.CopyFrom(new byte[31]), IsPrehashed = true });

        Assert.Equal(ErrorCode.InvalidRequest, response.Error.Code);
        Assert.Contains("32 bytes", response.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no_underscores")]
    [InlineData("name/not-a-version")]
    [InlineData("https://vault.example/keys/name")]
    public async Task A_malformed_key_id_is_invalid_request(string keyId)
    {
        var response = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = keyId, Data = Data });

        Assert.Equal(ErrorCode.InvalidRequest, response.Error.Code);
    }

    [Fact]
    public async Task An_unknown_key_is_key_not_found()
    {
        var response = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = KeyNames.Unique("missing"), Data = Data });

        Assert.Equal(ErrorCode.KeyNotFound, response.Error.Code);
    }

    [Fact]
    public async Task A_protocol_version_above_one_is_invalid_request()
    {
        var key = await fixture.SharedKeyAsync(TestKey.P256);

        var response = await fixture.Client.SignDataAsync(new SignDataRequest { Version = 2, KeyId = key.Metadata.Name, Data = Data });

        Assert.Equal(ErrorCode.InvalidRequest, response.Error.Code);
    }
}
