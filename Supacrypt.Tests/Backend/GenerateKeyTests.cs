using System.Security.Cryptography;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Backend;

[Collection(BackendTests.Name)]
public sealed class GenerateKeyTests(BackendFixture fixture)
{
    [Theory]
    [InlineData(RSAKeySize._2048, 2048)]
    [InlineData(RSAKeySize._3072, 3072)]
    [InlineData(RSAKeySize._4096, 4096)]
    [InlineData(RSAKeySize.Unspecified, 2048)]
    public async Task Rsa_key_has_the_requested_size_and_a_der_public_key(RSAKeySize size, int expectedBits)
    {
        var name = KeyNames.Unique("rsa");

        var key = await fixture.Client.CreateAsync(ContractKeys.Rsa(name, size));

        Assert.Equal(name, key.Metadata.Name);
        Assert.StartsWith(name + "/", key.Metadata.KeyId, StringComparison.Ordinal);
        Assert.Equal(KeyAlgorithm.Rsa, key.Metadata.Algorithm);
        Assert.Equal((RSAKeySize)expectedBits, key.Metadata.Parameters.RsaParams.KeySize);
        Assert.Equal(65537u, key.Metadata.Parameters.RsaParams.PublicExponent);
        Assert.True(key.Metadata.Enabled);
        Assert.NotNull(key.Metadata.CreatedAt);
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.PublicKey.KeyData.Span, out _);
        Assert.Equal(expectedBits, rsa.KeySize);
    }

    // A standard vault ignores public_exponent and makes 65537: refusing up front leaves no key behind.
    [Fact]
    public async Task Rsa_exponent_three_on_a_vault_is_refused_and_creates_nothing()
    {
        var name = KeyNames.Unique("rsa-e3");

        var response = await fixture.Client.GenerateKeyAsync(ContractKeys.Rsa(name, RSAKeySize._2048, exponent: 3));
        var lookup = await fixture.Client.GetKeyAsync(new GetKeyRequest { KeyId = name });

        Assert.Equal(ErrorCode.InvalidRequest, response.Error.Code);
        Assert.Contains("Managed HSM", response.Error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.KeyNotFound, lookup.Error.Code);
    }

    [Theory]
    [InlineData(ECCCurve.P256, KeyAlgorithm.Ecc, "1.2.840.10045.3.1.7")]
    [InlineData(ECCCurve.P384, KeyAlgorithm.Ecdsa, "1.3.132.0.34")]
    [InlineData(ECCCurve.P521, KeyAlgorithm.Ecc, "1.3.132.0.35")]
    [InlineData(ECCCurve.Unspecified, KeyAlgorithm.Ecdsa, "1.2.840.10045.3.1.7")]
    public async Task Ec_key_is_on_the_requested_curve(ECCCurve curve, KeyAlgorithm algorithm, string curveOid)
    {
        var key = await fixture.Client.CreateAsync(ContractKeys.Ec(KeyNames.Unique("ec"), curve, algorithm));

        Assert.Equal(algorithm, key.Metadata.Algorithm);
        Assert.Equal(algorithm, key.PublicKey.Algorithm);
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(key.PublicKey.KeyData.Span, out _);
        Assert.Equal(curveOid, ecdsa.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal(curve == ECCCurve.Unspecified ? ECCCurve.P256 : curve, key.Metadata.Parameters.EccParams.Curve);
    }

    [Fact]
    public async Task Operations_and_tags_are_stored_on_the_key()
    {
        var request = ContractKeys.Rsa(KeyNames.Unique("ops"), RSAKeySize._2048);
        request.Operations.Add(["sign", "VERIFY", "wrapkey"]);
        request.Tags.Add("owner", "pkcs11");

        var key = await fixture.Client.CreateAsync(request);

        Assert.Equal(["sign", "verify", "wrapKey"], key.Metadata.Operations);
        Assert.Equal("pkcs11", key.Metadata.Tags["owner"]);
    }

    [Fact]
    public async Task An_existing_name_is_key_already_exists_and_adds_no_version()
    {
        var first = await fixture.Client.CreateAsync(TestKey.P256);

        var second = await fixture.Client.GenerateKeyAsync(ContractKeys.Ec(first.Metadata.Name, ECCCurve.P256));
        var current = await fixture.Client.GetKeyAsync(new GetKeyRequest { KeyId = first.Metadata.Name });

        Assert.Equal(ErrorCode.KeyAlreadyExists, second.Error.Code);
        Assert.Equal(first.Metadata.KeyId, current.Success.Metadata.KeyId);
    }

    public static TheoryData<GenerateKeyRequest, ErrorCode> Refusals()
    {
        var tooManyTags = ContractKeys.Ec("too-many-tags", ECCCurve.P256);
        for (var i = 0; i < 16; i++)
        {
            tooManyTags.Tags.Add($"tag{i}", "value");
        }

        var unknownOperation = ContractKeys.Rsa("unknown-operation", RSAKeySize._2048);
        unknownOperation.Operations.Add("export");
        var ecEncrypt = ContractKeys.Ec("ec-encrypt", ECCCurve.P256);
        ecEncrypt.Operations.Add("encrypt");

        return new TheoryData<GenerateKeyRequest, ErrorCode>
        {
            { new GenerateKeyRequest { Name = "no-algorithm" }, ErrorCode.UnsupportedAlgorithm },
            { new GenerateKeyRequest { Name = "bad-algorithm", Algorithm = (KeyAlgorithm)9 }, ErrorCode.UnsupportedAlgorithm },
            { ContractKeys.Rsa("rsa-1024", (RSAKeySize)1024), ErrorCode.KeySizeNotSupported },
            { ContractKeys.Rsa("rsa-e5", RSAKeySize._2048, exponent: 5), ErrorCode.InvalidRequest },
            { ContractKeys.Ec("bad-curve", (ECCCurve)7), ErrorCode.CurveNotSupported },
            { new GenerateKeyRequest { Name = "rsa-with-ec", Algorithm = KeyAlgorithm.Rsa, Parameters = new KeyParameters { EccParams = new ECCParameters() } }, ErrorCode.InvalidRequest },
            { new GenerateKeyRequest { Name = "ec-with-rsa", Algorithm = KeyAlgorithm.Ecc, Parameters = new KeyParameters { RsaParams = new Supacrypt.V1.RSAParameters() } }, ErrorCode.InvalidRequest },
            { ContractKeys.Ec("", ECCCurve.P256), ErrorCode.InvalidRequest },
            { ContractKeys.Ec("under_score", ECCCurve.P256), ErrorCode.InvalidRequest },
            { ContractKeys.Ec(new string('a', 128), ECCCurve.P256), ErrorCode.InvalidRequest },
            { tooManyTags, ErrorCode.InvalidRequest },
            { unknownOperation, ErrorCode.InvalidRequest },
            { ecEncrypt, ErrorCode.OperationNotSupported },
            { new GenerateKeyRequest { Version = 7, Name = "future", Algorithm = KeyAlgorithm.Ecc }, ErrorCode.InvalidRequest },
        };
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Parameters_that_cannot_be_honoured_are_refused_and_create_nothing(GenerateKeyRequest request, ErrorCode expected)
    {
        var response = await fixture.Client.GenerateKeyAsync(request);

        Assert.Equal(expected, response.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(response.Error.Message));
        if (request.Name.Length is > 0 and < 128 && !request.Name.Contains('_', StringComparison.Ordinal))
        {
            var lookup = await fixture.Client.GetKeyAsync(new GetKeyRequest { KeyId = request.Name });
            Assert.Equal(ErrorCode.KeyNotFound, lookup.Error.Code);
        }
    }
}
