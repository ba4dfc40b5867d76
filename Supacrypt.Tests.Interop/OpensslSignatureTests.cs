using System.Security.Cryptography;
using Google.Protobuf;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;
using static Supacrypt.Tests.Interop.BackendKeys;
using ContractHash = Supacrypt.V1.HashAlgorithm;

namespace Supacrypt.Tests.Interop;

[Collection(BackendTests.Name)]
public sealed class OpensslSignatureTests(BackendFixture fixture) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public static TheoryData<TestKey, ContractHash, RSAPaddingScheme> RsaCombinations()
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

        return data;
    }

    [Theory]
    [MemberData(nameof(RsaCombinations))]
    public async Task Openssl_verifies_backend_rsa_signatures(TestKey keyShape, ContractHash hash, RSAPaddingScheme padding)
    {
        var key = await fixture.SharedKeyAsync(keyShape);
        var data = RandomNumberGenerator.GetBytes(1000);

        var signed = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = Bytes(data), Parameters = Signing(hash, padding) });

        Assert.True(signed.ResultCase == SignDataResponse.ResultOneofCase.Success, $"SignData failed: {signed.Error}");
        var signature = signed.Success.Signature.ToByteArray();
        Assert.Equal(keyShape == TestKey.Rsa2048 ? 256 : 384, signature.Length);
        string[] options = padding == RSAPaddingScheme.RsaPaddingPss
            ? ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"]
            : ["-sigopt", "rsa_padding_mode:pkcs1"];
        if (padding == RSAPaddingScheme.RsaPaddingPss)
        {
            Assert.Equal(DigestLength(hash), signed.Success.Parameters.RsaParams.SaltLength);
        }

        await AssertOpensslVerifiesAsync(key.PublicKey, hash, data, signature, options);
    }

    [Theory]
    [InlineData(TestKey.P256, ContractHash.Sha256, 64)]
    [InlineData(TestKey.P384, ContractHash.Sha384, 96)]
    [InlineData(TestKey.P521, ContractHash.Sha512, 132)]
    public async Task Openssl_verifies_backend_ecdsa_signatures_converted_to_der(TestKey keyShape, ContractHash hash, int p1363Length)
    {
        var key = await fixture.SharedKeyAsync(keyShape);

        // Several signatures, so that r or s with leading zero bytes (common on P-521) are converted too.
        for (var round = 0; round < 4; round++)
        {
            var data = RandomNumberGenerator.GetBytes(100 + round);
            var signed = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = Bytes(data) });

            Assert.True(signed.ResultCase == SignDataResponse.ResultOneofCase.Success, $"SignData failed: {signed.Error}");
            Assert.Equal(hash, signed.Success.Parameters.HashAlgorithm);
            var p1363 = signed.Success.Signature.ToByteArray();
            Assert.Equal(p1363Length, p1363.Length);
            var der = EcdsaSignatures.P1363ToDer(p1363);
            using (var ecdsa = ECDsa.Create())
            {
                ecdsa.ImportSubjectPublicKeyInfo(key.PublicKey.KeyData.Span, out _);
                Assert.True(ecdsa.VerifyData(data, der, HashAlgorithms(hash), DSASignatureFormat.Rfc3279DerSequence));
            }

            await AssertOpensslVerifiesAsync(key.PublicKey, hash, data, der, []);
        }
    }

    [Theory]
    [InlineData(ContractHash.Sha256)]
    [InlineData(ContractHash.Sha512)]
    public async Task Openssl_verifies_backend_pss_signatures_of_prehashed_data(ContractHash hash)
    {
        var key = await fixture.SharedKeyAsync(TestKey.Rsa2048);
        var digest = CryptographicOperations.HashData(HashAlgorithms(hash), RandomNumberGenerator.GetBytes(64));

        var signed = await fixture.Client.SignDataAsync(new SignDataRequest
        {
            KeyId = key.Metadata.Name, Data = Bytes(digest), IsPrehashed = true, Parameters = Signing(hash, RSAPaddingScheme.RsaPaddingPss),
        });

        Assert.True(signed.ResultCase == SignDataResponse.ResultOneofCase.Success, $"SignData failed: {signed.Error}");
        var id = FileName("prehashed");
        var pub = _directory.WritePublicKeyPem($"{id}.pub.pem", key.PublicKey.KeyData.ToByteArray());
        var input = _directory.Write($"{id}.digest", digest);
        var sig = _directory.Write($"{id}.sig", signed.Success.Signature.ToByteArray());
        var verified = await _directory.OpenSslAsync(
            "pkeyutl", "-verify", "-pubin", "-inkey", pub, "-in", input, "-sigfile", sig,
            "-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", "rsa_pss_saltlen:digest", "-pkeyopt", $"digest:{OpensslDigest(hash)}");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("Signature Verified Successfully", verified.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private async Task AssertOpensslVerifiesAsync(PublicKey publicKey, ContractHash hash, byte[] data, byte[] signature, string[] options)
    {
        var id = FileName("verify");
        var pub = _directory.WritePublicKeyPem($"{id}.pub.pem", publicKey.KeyData.ToByteArray());
        var input = _directory.Write($"{id}.data", data);
        var sig = _directory.Write($"{id}.sig", signature);
        var tampered = (byte[])signature.Clone();
        tampered[^1] ^= 0x01;
        var bad = _directory.Write($"{id}.bad", tampered);

        var verified = await _directory.OpenSslAsync(["dgst", $"-{OpensslDigest(hash)}", "-verify", pub, "-signature", sig, .. options, input]);
        var rejected = await _directory.OpenSslAsync(["dgst", $"-{OpensslDigest(hash)}", "-verify", pub, "-signature", bad, .. options, input]);

        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("Verified OK", verified.StandardOutput, StringComparison.Ordinal);
        Assert.True(rejected.ExitCode == 1, rejected.ToString());
        Assert.Contains("Verification failure", rejected.StandardOutput + rejected.StandardError, StringComparison.Ordinal);
    }

    private static uint DigestLength(ContractHash hash) => hash switch
    {
        ContractHash.Sha384 => 48,
        ContractHash.Sha512 => 64,
        _ => 32,
    };

    private static HashAlgorithmName HashAlgorithms(ContractHash hash) => hash switch
    {
        ContractHash.Sha384 => HashAlgorithmName.SHA384,
        ContractHash.Sha512 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };
}
