using System.Security.Cryptography;
using Google.Protobuf;
using Supacrypt.Client;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Client;

// The client turns the contract's DER SubjectPublicKeyInfo into ready .NET keys and converts P1363 ECDSA signatures.
[Collection(BackendTests.Name)]
public sealed class PublicKeysTests(BackendFixture backend)
{
    private static readonly byte[] Data = "signed through the client"u8.ToArray();

    [Fact]
    public async Task ToECDsa_verifies_the_backends_p1363_signature_and_the_der_form_verifies_as_rfc3279()
    {
        var key = await backend.SharedKeyAsync(TestKey.P256);
        var signature = await SignAsync(key.Metadata.Name);

        using var ecdsa = key.PublicKey.ToECDsa();
        var der = EcdsaSignature.ToDer(signature);

        Assert.True(ecdsa.VerifyData(Data, signature, HashAlgorithmName.SHA256));
        Assert.True(ecdsa.VerifyData(Data, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.Equal(signature, EcdsaSignature.FromDer(der, fieldSizeInBytes: 32));
    }

    [Fact]
    public async Task ToRsa_verifies_the_backends_signature()
    {
        var key = await backend.SharedKeyAsync(TestKey.Rsa2048);
        var signature = await SignAsync(key.Metadata.Name);

        using var rsa = key.PublicKey.ToRsa();

        Assert.True(rsa.VerifyData(Data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", key.PublicKey.ToPem(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_the_wrong_kind_of_key_says_which_to_use()
    {
        var key = await backend.SharedKeyAsync(TestKey.P256);

        var failure = Assert.Throws<ArgumentException>(() => key.PublicKey.ToRsa());

        Assert.Contains("use ToECDsa", failure.Message, StringComparison.Ordinal);
    }

    private async Task<byte[]> SignAsync(string keyName)
    {
        var signed = await backend.Client.SignDataAsync(new SignDataRequest { Version = 1, KeyId = keyName, Data = ByteString.CopyFrom(Data) });
        Assert.True(signed.ResultCase == SignDataResponse.ResultOneofCase.Success, signed.ToString());
        return signed.Success.Signature.ToByteArray();
    }
}
