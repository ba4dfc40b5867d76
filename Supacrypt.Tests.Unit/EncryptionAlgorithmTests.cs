using System.Security.Cryptography;
using Google.Protobuf;
using Supacrypt.Backend.Grpc;
using Supacrypt.Backend.Keys;
using Supacrypt.V1;
using static Supacrypt.Tests.Unit.Refusals;
using ContractHash = Supacrypt.V1.HashAlgorithm;

namespace Supacrypt.Tests.Unit;

public sealed class EncryptionAlgorithmTests
{
    public static TheoryData<RSAPaddingScheme, ContractHash, string> Combinations => new()
    {
        { RSAPaddingScheme.RsaPaddingUnspecified, ContractHash.Unspecified, "RSA-OAEP" },
        { RSAPaddingScheme.RsaPaddingOaep, ContractHash.Unspecified, "RSA-OAEP" },
        { RSAPaddingScheme.RsaPaddingUnspecified, ContractHash.Sha256, "RSA-OAEP-256" },
        { RSAPaddingScheme.RsaPaddingOaep, ContractHash.Sha256, "RSA-OAEP-256" },
        { RSAPaddingScheme.RsaPaddingPkcs1, ContractHash.Unspecified, "RSA1_5" },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Padding_and_oaep_hash_map_to_one_key_vault_algorithm(RSAPaddingScheme padding, ContractHash hash, string expected)
    {
        var algorithm = Resolve(KeyShapes.Rsa(), Rsa(padding, hash));

        Assert.Equal(expected, algorithm.Name);
        Assert.Equal(padding == RSAPaddingScheme.RsaPaddingUnspecified ? RSAPaddingScheme.RsaPaddingOaep : padding, ContractMapping.ToContract(algorithm.Scheme));
        Assert.Equal(hash, ContractMapping.ToContract(algorithm.OaepHash));
        var dotNet = expected switch
        {
            "RSA-OAEP" => RSAEncryptionPadding.OaepSHA1,
            "RSA-OAEP-256" => RSAEncryptionPadding.OaepSHA256,
            _ => RSAEncryptionPadding.Pkcs1,
        };
        Assert.Equal(dotNet, algorithm.Padding);
    }

    [Fact]
    public void No_parameters_mean_oaep_with_sha1()
    {
        Assert.Equal("RSA-OAEP", Resolve(KeyShapes.Rsa(), null).Name);
        Assert.Equal("RSA-OAEP", Resolve(KeyShapes.Rsa(), new EncryptionParameters()).Name);
    }

    [Theory]
    [InlineData(ContractHash.Sha384)]
    [InlineData(ContractHash.Sha512)]
    public void Oaep_with_sha384_or_sha512_is_refused(ContractHash hash) =>
        Refused(KeyError.PaddingNotSupported, () => Resolve(KeyShapes.Rsa(), Rsa(RSAPaddingScheme.RsaPaddingOaep, hash)));

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public void An_oaep_hash_outside_the_contract_is_refused(int hash) =>
        Refused(KeyError.HashNotSupported, () => Resolve(KeyShapes.Rsa(), Rsa(RSAPaddingScheme.RsaPaddingOaep, (ContractHash)hash)));

    [Theory]
    [InlineData(ContractHash.Sha256)]
    [InlineData(ContractHash.Sha512)]
    public void An_oaep_hash_with_pkcs1_is_refused(ContractHash hash) =>
        Refused(KeyError.InvalidRequest, () => Resolve(KeyShapes.Rsa(), Rsa(RSAPaddingScheme.RsaPaddingPkcs1, hash)));

    [Fact]
    public void Pss_is_not_an_encryption_padding() =>
        Refused(KeyError.PaddingNotSupported, () => Resolve(KeyShapes.Rsa(), Rsa(RSAPaddingScheme.RsaPaddingPss, ContractHash.Unspecified)));

    [Theory]
    [InlineData(4)]
    [InlineData(77)]
    public void A_padding_outside_the_contract_is_refused(int padding) =>
        Refused(KeyError.PaddingNotSupported, () => Resolve(KeyShapes.Rsa(), Rsa((RSAPaddingScheme)padding, ContractHash.Unspecified)));

    [Theory]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep)]
    [InlineData(RSAPaddingScheme.RsaPaddingUnspecified)]
    [InlineData(RSAPaddingScheme.RsaPaddingPkcs1)]
    public void A_non_empty_oaep_label_is_refused(RSAPaddingScheme padding)
    {
        var parameters = Rsa(padding, ContractHash.Unspecified);
        parameters.RsaParams.OaepLabel = ByteString.CopyFromUtf8("label");

        Refused(KeyError.PaddingNotSupported, () => Resolve(KeyShapes.Rsa(), parameters));
    }

    [Theory]
    [InlineData(NamedCurve.P256)]
    [InlineData(NamedCurve.P521)]
    public void Ec_keys_cannot_encrypt(NamedCurve curve)
    {
        Refused(KeyError.OperationNotSupported, () => Resolve(KeyShapes.Ec(curve), null));
        Refused(KeyError.OperationNotSupported, () => Resolve(KeyShapes.Ec(curve), new EncryptionParameters { EccParams = new ECCEncryptionParameters() }));
    }

    [Fact]
    public void Ecc_params_for_an_rsa_key_are_refused() =>
        Refused(KeyError.InvalidRequest, () => Resolve(KeyShapes.Rsa(), new EncryptionParameters { EccParams = new ECCEncryptionParameters() }));

    [Theory]
    [InlineData(RSAPaddingScheme.RsaPaddingPkcs1, ContractHash.Unspecified, 256, 245)]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, ContractHash.Unspecified, 256, 214)]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, ContractHash.Sha256, 256, 190)]
    [InlineData(RSAPaddingScheme.RsaPaddingPkcs1, ContractHash.Unspecified, 384, 373)]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, ContractHash.Unspecified, 384, 342)]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, ContractHash.Sha256, 512, 446)]
    public void Max_plaintext_length_follows_rfc_8017(RSAPaddingScheme padding, ContractHash hash, int modulusBytes, int expected) =>
        Assert.Equal(expected, Resolve(KeyShapes.Rsa(modulusBytes * 8), Rsa(padding, hash)).MaxPlaintextLength(modulusBytes));

    [Theory]
    [InlineData(RSAPaddingScheme.RsaPaddingPkcs1, ContractHash.Unspecified)]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, ContractHash.Unspecified)]
    [InlineData(RSAPaddingScheme.RsaPaddingOaep, ContractHash.Sha256)]
    public void Max_plaintext_length_is_exactly_what_dotnet_encrypts(RSAPaddingScheme padding, ContractHash hash)
    {
        using var rsa = RSA.Create(2048);
        var algorithm = Resolve(KeyShapes.Rsa(), Rsa(padding, hash));
        var maximum = algorithm.MaxPlaintextLength(256);

        Assert.Equal(256, rsa.Encrypt(new byte[maximum], algorithm.Padding).Length);
        Assert.ThrowsAny<CryptographicException>(() => rsa.Encrypt(new byte[maximum + 1], algorithm.Padding));
    }

    private static EncryptionParameters Rsa(RSAPaddingScheme padding, ContractHash hash) =>
        new() { RsaParams = new RSAEncryptionParameters { PaddingScheme = padding, OaepHash = hash } };

    // Through the edge's mapping, so each case is the request a client sends.
    private static EncryptionAlgorithm Resolve(KeyDescription key, EncryptionParameters? parameters) =>
        EncryptionAlgorithm.Resolve(key, RequestMapping.ToEncryptionRequest(parameters));
}
