using Supacrypt.Backend.Grpc;
using Supacrypt.Backend.Keys;
using Supacrypt.V1;
using static Supacrypt.Tests.Unit.Refusals;

namespace Supacrypt.Tests.Unit;

public sealed class KeySpecificationTests
{
    [Theory]
    [InlineData(RSAKeySize.Unspecified, 0u, 2048, 65537)]
    [InlineData(RSAKeySize._2048, 0u, 2048, 65537)]
    [InlineData(RSAKeySize._3072, 65537u, 3072, 65537)]
    [InlineData(RSAKeySize._4096, 3u, 4096, 3)]
    [InlineData(RSAKeySize.Unspecified, 3u, 2048, 3)]
    public void Rsa_size_and_exponent_default_and_are_honoured(RSAKeySize size, uint exponent, int bits, int expectedExponent)
    {
        var spec = Resolve(KeyAlgorithm.Rsa, RsaParameters(size, exponent));

        Assert.Equal(new KeySpecification(KeyKind.Rsa, bits, expectedExponent, NamedCurve.Unspecified), spec);
    }

    [Fact]
    public void Rsa_without_parameters_is_2048_bits_with_exponent_65537()
    {
        Assert.Equal(new KeySpecification(KeyKind.Rsa, 2048, 65537, NamedCurve.Unspecified), Resolve(KeyAlgorithm.Rsa, null));
        Assert.Equal(new KeySpecification(KeyKind.Rsa, 2048, 65537, NamedCurve.Unspecified), Resolve(KeyAlgorithm.Rsa, new KeyParameters()));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1)]
    [InlineData(8192)]
    [InlineData(2047)]
    public void Other_rsa_sizes_are_refused(int size) =>
        Refused(KeyError.KeySizeNotSupported, () => Resolve(KeyAlgorithm.Rsa, RsaParameters((RSAKeySize)size, 0)));

    [Theory]
    [InlineData(1u)]
    [InlineData(5u)]
    [InlineData(17u)]
    [InlineData(65536u)]
    [InlineData(uint.MaxValue)]
    public void Other_public_exponents_are_refused(uint exponent) =>
        Refused(KeyError.InvalidRequest, () => Resolve(KeyAlgorithm.Rsa, RsaParameters(RSAKeySize._2048, exponent)));

    [Theory]
    [InlineData(KeyAlgorithm.Ecc)]
    [InlineData(KeyAlgorithm.Ecdsa)]
    public void Ec_defaults_to_p256_and_honours_every_contract_curve(KeyAlgorithm algorithm)
    {
        Assert.Equal(NamedCurve.P256, Resolve(algorithm, null).Curve);
        Assert.Equal(NamedCurve.P256, Resolve(algorithm, EcParameters(ECCCurve.Unspecified)).Curve);
        Assert.Equal(new KeySpecification(KeyKind.Ec, 0, 0, NamedCurve.P256), Resolve(algorithm, EcParameters(ECCCurve.P256)));
        Assert.Equal(new KeySpecification(KeyKind.Ec, 0, 0, NamedCurve.P384), Resolve(algorithm, EcParameters(ECCCurve.P384)));
        Assert.Equal(new KeySpecification(KeyKind.Ec, 0, 0, NamedCurve.P521), Resolve(algorithm, EcParameters(ECCCurve.P521)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public void Curves_outside_the_contract_are_refused(int curve) =>
        Refused(KeyError.CurveNotSupported, () => Resolve(KeyAlgorithm.Ecc, EcParameters((ECCCurve)curve)));

    [Fact]
    public void An_algorithm_is_required() =>
        Refused(KeyError.UnsupportedAlgorithm, () => Resolve(KeyAlgorithm.Unspecified, RsaParameters(RSAKeySize._2048, 0)));

    [Theory]
    [InlineData(4)]
    [InlineData(-3)]
    public void Algorithms_outside_the_contract_are_refused(int algorithm) =>
        Refused(KeyError.UnsupportedAlgorithm, () => Resolve((KeyAlgorithm)algorithm, null));

    [Fact]
    public void Parameters_of_the_other_kind_are_refused()
    {
        Refused(KeyError.InvalidRequest, () => Resolve(KeyAlgorithm.Rsa, EcParameters(ECCCurve.P256)));
        Refused(KeyError.InvalidRequest, () => Resolve(KeyAlgorithm.Ecc, RsaParameters(RSAKeySize._2048, 0)));
        Refused(KeyError.InvalidRequest, () => Resolve(KeyAlgorithm.Ecdsa, new KeyParameters { RsaParams = new RSAParameters() }));
    }

    // Through the edge's mapping, so each case is the request a client sends.
    private static KeySpecification Resolve(KeyAlgorithm algorithm, KeyParameters? parameters) =>
        KeySpecification.Resolve(RequestMapping.ToKeyRequest(algorithm, parameters));

    private static KeyParameters RsaParameters(RSAKeySize size, uint exponent) =>
        new() { RsaParams = new RSAParameters { KeySize = size, PublicExponent = exponent } };

    private static KeyParameters EcParameters(ECCCurve curve) => new() { EccParams = new ECCParameters { Curve = curve } };
}
