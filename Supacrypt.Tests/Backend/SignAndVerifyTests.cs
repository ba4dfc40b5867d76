using System.Security.Cryptography;
using Google.Protobuf;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;
using static Supacrypt.Tests.Infrastructure.ContractSignatures;
using ContractHash = Supacrypt.V1.HashAlgorithm;

namespace Supacrypt.Tests.Backend;

[Collection(BackendTests.Name)]
public sealed class SignAndVerifyTests(BackendFixture fixture)
{
    private static readonly ByteString Data = ByteString.CopyFromUtf8("The quick brown fox signs the lazy dog.");

    public static TheoryData<TestKey, ContractHash, RSAPaddingScheme> Combinations()
    {
        var data = new TheoryData<TestKey, ContractHash, RSAPaddingScheme>();
        foreach (var key in new[] { TestKey.Rsa2048, TestKey.Rsa3072 })
        {
            foreach (var hash in new[] { ContractHash.Sha256, ContractHash.Sha384, ContractHash.Sha512 })
            {
                data.Add(key, hash, RSAPaddingScheme.RsaPaddingPkcs1);
                data.Add(key, hash, RSAPaddingScheme.RsaPaddingPss);
            }
        }

        data.Add(TestKey.P256, ContractHash.Sha256, RSAPaddingScheme.RsaPaddingUnspecified);
        data.Add(TestKey.P384, ContractHash.Sha384, RSAPaddingScheme.RsaPaddingUnspecified);
        data.Add(TestKey.P521, ContractHash.Sha512, RSAPaddingScheme.RsaPaddingUnspecified);
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Signature_verifies_in_the_backend_and_with_dotnet_and_a_tampered_one_does_not(TestKey keyShape, ContractHash hash, RSAPaddingScheme padding)
    {
        var key = await fixture.SharedKeyAsync(keyShape);
        var parameters = Parameters(hash, padding);

        var signed = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = Data, Parameters = parameters });

        Assert.Equal(SignDataResponse.ResultOneofCase.Success, signed.ResultCase);
        Assert.Equal(key.Metadata.KeyId, signed.Success.KeyId);
        Assert.Equal(hash, signed.Success.Parameters.HashAlgorithm);
        Assert.True(VerifiesWithDotNet(key.PublicKey, hash, padding, Data.ToByteArray(), signed.Success.Signature.ToByteArray()));

        var verified = await fixture.Client.VerifySignatureAsync(new VerifySignatureRequest
        {
            KeyId = key.Metadata.KeyId, Data = Data, Signature = signed.Success.Signature, Parameters = parameters,
        });
        Assert.True(verified.Success.IsValid);

        var tampered = signed.Success.Signature.ToByteArray();
        tampered[^1] ^= 0x01;
        var rejected = await fixture.Client.VerifySignatureAsync(new VerifySignatureRequest
        {
            KeyId = key.Metadata.Name, Data = Data, Signature = ByteString.CopyFrom(tampered), Parameters = parameters,
        });
        Assert.False(rejected.Success.IsValid);
    }

    [Theory]
    [InlineData(TestKey.Rsa2048, ContractHash.Sha256, "RS256")]
    [InlineData(TestKey.P384, ContractHash.Sha384, "ES384")]
    [InlineData(TestKey.P521, ContractHash.Sha512, "ES512")]
    public async Task Unset_parameters_take_the_contract_defaults(TestKey keyShape, ContractHash expectedHash, string algorithm)
    {
        var key = await fixture.SharedKeyAsync(keyShape);

        var signed = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = Data });

        Assert.Equal(expectedHash, signed.Success.Parameters.HashAlgorithm);
        var padding = algorithm.StartsWith("RS", StringComparison.Ordinal) ? RSAPaddingScheme.RsaPaddingPkcs1 : RSAPaddingScheme.RsaPaddingUnspecified;
        Assert.Equal(padding, signed.Success.Parameters.RsaParams?.PaddingScheme ?? RSAPaddingScheme.RsaPaddingUnspecified);
        Assert.True(VerifiesWithDotNet(key.PublicKey, expectedHash, padding, Data.ToByteArray(), signed.Success.Signature.ToByteArray()));
    }

    [Fact]
    public async Task Prehashed_data_is_signed_as_the_digest()
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);
        var digest = SHA384.HashData(Data.Span);

        var signed = await fixture.Client.SignDataAsync(new SignDataRequest
        {
            KeyId = key.Metadata.Name, Data = ByteString.CopyFrom(digest), IsPrehashed = true, Parameters = Parameters(ContractHash.Sha384, RSAPaddingScheme.RsaPaddingPss),
        });

        Assert.True(VerifiesWithDotNet(key.PublicKey, ContractHash.Sha384, RSAPaddingScheme.RsaPaddingPss, Data.ToByteArray(), signed.Success.Signature.ToByteArray()));
        Assert.Equal(48u, signed.Success.Parameters.RsaParams.SaltLength);
    }

    [Fact]
    public async Task A_signature_from_another_key_is_invalid_not_an_error()
    {
        var signer = await fixture.SharedKeyAsync(TestKey.P256);
        var other = await fixture.Client.CreateAsync(TestKey.P256);
        var signed = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = signer.Metadata.Name, Data = Data });

        var verified = await fixture.Client.VerifySignatureAsync(new VerifySignatureRequest { KeyId = other.Metadata.Name, Data = Data, Signature = signed.Success.Signature });

        Assert.Equal(VerifySignatureResponse.ResultOneofCase.Success, verified.ResultCase);
        Assert.False(verified.Success.IsValid);
    }

    [Fact]
    public async Task A_signature_of_the_wrong_length_is_invalid_not_an_error()
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);

        var verified = await fixture.Client.VerifySignatureAsync(new VerifySignatureRequest
        {
            KeyId = key.Metadata.Name, Data = Data, Signature = ByteString.CopyFrom(new byte[17]),
        });

        Assert.False(verified.Success.IsValid);
    }
}
