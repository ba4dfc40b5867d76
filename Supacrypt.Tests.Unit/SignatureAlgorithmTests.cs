using System.Security.Cryptography;
using Supacrypt.Backend.Grpc;
using Supacrypt.Backend.Keys;
using Supacrypt.V1;
using static Supacrypt.Tests.Unit.Refusals;
using ContractHash = Supacrypt.V1.HashAlgorithm;

namespace Supacrypt.Tests.Unit;

public sealed class SignatureAlgorithmTests
{
    public static TheoryData<ContractHash, RSAPaddingScheme, string, int> RsaCombinations => new()
    {
        { ContractHash.Unspecified, RSAPaddingScheme.RsaPaddingUnspecified, "RS256", 32 },
        { ContractHash.Sha256, RSAPaddingScheme.RsaPaddingUnspecified, "RS256", 32 },
        { ContractHash.Sha384, RSAPaddingScheme.RsaPaddingUnspecified, "RS384", 48 },
        { ContractHash.Sha512, RSAPaddingScheme.RsaPaddingUnspecified, "RS512", 64 },
        { ContractHash.Unspecified, RSAPaddingScheme.RsaPaddingPkcs1, "RS256", 32 },
        { ContractHash.Sha256, RSAPaddingScheme.RsaPaddingPkcs1, "RS256", 32 },
        { ContractHash.Sha384, RSAPaddingScheme.RsaPaddingPkcs1, "RS384", 48 },
        { ContractHash.Sha512, RSAPaddingScheme.RsaPaddingPkcs1, "RS512", 64 },
        { ContractHash.Unspecified, RSAPaddingScheme.RsaPaddingPss, "PS256", 32 },
        { ContractHash.Sha256, RSAPaddingScheme.RsaPaddingPss, "PS256", 32 },
        { ContractHash.Sha384, RSAPaddingScheme.RsaPaddingPss, "PS384", 48 },
        { ContractHash.Sha512, RSAPaddingScheme.RsaPaddingPss, "PS512", 64 },
    };

    [Theory]
    [MemberData(nameof(RsaCombinations))]
    public void Rsa_hash_and_padding_map_to_one_key_vault_algorithm(ContractHash hash, RSAPaddingScheme padding, string expected, int digestLength)
    {
        foreach (var forVerification in new[] { false, true })
        {
            var algorithm = Resolve(KeyShapes.Rsa(), Rsa(hash, padding), forVerification);

            Assert.Equal(expected, algorithm.Name);
            Assert.Equal(digestLength, algorithm.DigestLength);
            Assert.Equal(hash == ContractHash.Unspecified ? ContractHash.Sha256 : hash, ContractMapping.ToContract(algorithm.HashFunction));
            Assert.Equal(padding == RSAPaddingScheme.RsaPaddingUnspecified ? RSAPaddingScheme.RsaPaddingPkcs1 : padding, ContractMapping.ToContract(algorithm.Padding));
            Assert.Equal(padding == RSAPaddingScheme.RsaPaddingPss, algorithm.IsPss);
            Assert.False(algorithm.IsEcdsa);
        }
    }

    [Theory]
    [InlineData(ContractHash.Sha256, "RS256")]
    [InlineData(ContractHash.Sha384, "RS384")]
    [InlineData(ContractHash.Sha512, "RS512")]
    public void Rsa_without_rsa_params_is_pkcs1(ContractHash hash, string expected)
    {
        var algorithm = Resolve(KeyShapes.Rsa(3072), new SigningParameters { HashAlgorithm = hash }, forVerification: false);

        Assert.Equal(expected, algorithm.Name);
        Assert.Equal(HashAlgorithms.ToName((HashFunction)hash), algorithm.Hash);
    }

    [Fact]
    public void No_parameters_at_all_mean_rs256_for_rsa()
    {
        var algorithm = Resolve(KeyShapes.Rsa(), null, forVerification: false);

        Assert.Equal("RS256", algorithm.Name);
        Assert.Equal(HashAlgorithmName.SHA256, algorithm.Hash);
        Assert.Equal(RSAPaddingScheme.RsaPaddingPkcs1, ContractMapping.ToContract(algorithm.Padding));
    }

    [Theory]
    [InlineData(ContractHash.Sha256, 32u)]
    [InlineData(ContractHash.Sha384, 48u)]
    [InlineData(ContractHash.Sha512, 64u)]
    [InlineData(ContractHash.Sha256, 0u)]
    public void Signing_pss_accepts_a_salt_as_long_as_the_digest_or_unset(ContractHash hash, uint saltLength)
    {
        var algorithm = Resolve(KeyShapes.Rsa(), Rsa(hash, RSAPaddingScheme.RsaPaddingPss, saltLength), forVerification: false);

        Assert.True(algorithm.IsPss);
    }

    [Theory]
    [InlineData(ContractHash.Sha256, 20u)]
    [InlineData(ContractHash.Sha256, 48u)]
    [InlineData(ContractHash.Sha384, 32u)]
    [InlineData(ContractHash.Sha512, 1u)]
    [InlineData(ContractHash.Unspecified, 64u)]
    public void Signing_pss_refuses_another_salt_length_but_verification_admits_it(ContractHash hash, uint saltLength)
    {
        var parameters = Rsa(hash, RSAPaddingScheme.RsaPaddingPss, saltLength);

        var refusal = Refused(KeyError.PaddingNotSupported, () => Resolve(KeyShapes.Rsa(), parameters, forVerification: false));
        Assert.Contains(saltLength.ToString(), refusal.Message, StringComparison.Ordinal);

        Assert.True(Resolve(KeyShapes.Rsa(), parameters, forVerification: true).IsPss);
    }

    [Theory]
    [InlineData(RSAPaddingScheme.RsaPaddingPkcs1)]
    [InlineData(RSAPaddingScheme.RsaPaddingUnspecified)]
    public void A_salt_length_with_pkcs1_is_refused(RSAPaddingScheme padding)
    {
        foreach (var forVerification in new[] { false, true })
        {
            Refused(KeyError.PaddingNotSupported, () => Resolve(KeyShapes.Rsa(), Rsa(ContractHash.Sha256, padding, 32), forVerification));
        }
    }

    [Fact]
    public void Oaep_is_not_a_signature_padding() =>
        Refused(KeyError.PaddingNotSupported, () => Resolve(KeyShapes.Rsa(), Rsa(ContractHash.Sha256, RSAPaddingScheme.RsaPaddingOaep), forVerification: false));

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    [InlineData(99)]
    public void A_padding_outside_the_contract_is_refused(int padding) =>
        Refused(KeyError.PaddingNotSupported, () => Resolve(KeyShapes.Rsa(), Rsa(ContractHash.Sha256, (RSAPaddingScheme)padding), forVerification: true));

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void A_hash_outside_the_contract_is_refused_for_every_key_kind(int hash)
    {
        Refused(KeyError.HashNotSupported, () => Resolve(KeyShapes.Rsa(), Rsa((ContractHash)hash, RSAPaddingScheme.RsaPaddingPkcs1), forVerification: false));
        Refused(KeyError.HashNotSupported, () => Resolve(KeyShapes.Ec(NamedCurve.P256), new SigningParameters { HashAlgorithm = (ContractHash)hash }, forVerification: false));
    }

    [Fact]
    public void Ecc_params_for_an_rsa_key_are_refused() =>
        Refused(KeyError.InvalidRequest, () => Resolve(
            KeyShapes.Rsa(), new SigningParameters { HashAlgorithm = ContractHash.Sha256, EccParams = new ECCSigningParameters() }, forVerification: false));

    [Theory]
    [InlineData(NamedCurve.P256, "ES256", ContractHash.Sha256)]
    [InlineData(NamedCurve.P384, "ES384", ContractHash.Sha384)]
    [InlineData(NamedCurve.P521, "ES512", ContractHash.Sha512)]
    public void Ecdsa_uses_the_curve_hash_by_default_and_when_named(NamedCurve curve, string expected, ContractHash curveHash)
    {
        SigningParameters?[] requests =
        [
            null,
            new SigningParameters(),
            new SigningParameters { EccParams = new ECCSigningParameters() },
            new SigningParameters { HashAlgorithm = curveHash },
            new SigningParameters { HashAlgorithm = curveHash, EccParams = new ECCSigningParameters() },
        ];
        foreach (var parameters in requests)
        {
            var algorithm = Resolve(KeyShapes.Ec(curve), parameters, forVerification: false);

            Assert.Equal(expected, algorithm.Name);
            Assert.Equal(curveHash, ContractMapping.ToContract(algorithm.HashFunction));
            Assert.Equal(HashAlgorithms.ToName((HashFunction)curveHash), algorithm.Hash);
            Assert.True(algorithm.IsEcdsa);
            Assert.False(algorithm.IsPss);
        }
    }

    [Theory]
    [InlineData(NamedCurve.P256, ContractHash.Sha384)]
    [InlineData(NamedCurve.P256, ContractHash.Sha512)]
    [InlineData(NamedCurve.P384, ContractHash.Sha256)]
    [InlineData(NamedCurve.P384, ContractHash.Sha512)]
    [InlineData(NamedCurve.P521, ContractHash.Sha256)]
    [InlineData(NamedCurve.P521, ContractHash.Sha384)]
    public void Ecdsa_refuses_a_hash_other_than_the_curve_hash(NamedCurve curve, ContractHash hash)
    {
        foreach (var forVerification in new[] { false, true })
        {
            var refusal = Refused(KeyError.HashNotSupported, () => Resolve(KeyShapes.Ec(curve), new SigningParameters { HashAlgorithm = hash }, forVerification));
            Assert.Contains(Curves.Name(curve), refusal.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rsa_params_for_an_ec_key_are_refused() =>
        Refused(KeyError.InvalidRequest, () => Resolve(
            KeyShapes.Ec(NamedCurve.P256), Rsa(ContractHash.Sha256, RSAPaddingScheme.RsaPaddingPkcs1), forVerification: false));

    [Fact]
    public void Empty_rsa_params_for_an_ec_key_are_refused_too() =>
        Refused(KeyError.InvalidRequest, () => Resolve(
            KeyShapes.Ec(NamedCurve.P384), new SigningParameters { RsaParams = new RSASigningParameters() }, forVerification: true));

    private static SigningParameters Rsa(ContractHash hash, RSAPaddingScheme padding, uint saltLength = 0) => new()
    {
        HashAlgorithm = hash,
        RsaParams = new RSASigningParameters { PaddingScheme = padding, SaltLength = saltLength },
    };

    // Through the edge's mapping, so each case is the request a client sends.
    private static SignatureAlgorithm Resolve(KeyDescription key, SigningParameters? parameters, bool forVerification) =>
        SignatureAlgorithm.Resolve(key, RequestMapping.ToSigningRequest(parameters), forVerification);
}
