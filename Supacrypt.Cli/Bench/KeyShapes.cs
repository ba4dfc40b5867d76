using Supacrypt.Benchmarking;
using Supacrypt.V1;

namespace Supacrypt.Cli.Bench;

/// <summary>Key shapes in contract terms and back.</summary>
internal static class KeyShapes
{
    public static GenerateKeyRequest Request(KeyShape shape, string name) => shape.IsRsa()
        ? new GenerateKeyRequest
        {
            Version = 1,
            Name = name,
            Algorithm = KeyAlgorithm.Rsa,
            Parameters = new KeyParameters { RsaParams = new RSAParameters { KeySize = (RSAKeySize)shape.RsaBits() } },
        }
        : new GenerateKeyRequest
        {
            Version = 1,
            Name = name,
            Algorithm = KeyAlgorithm.Ecc,
            Parameters = new KeyParameters { EccParams = new ECCParameters { Curve = shape switch { KeyShape.P384 => ECCCurve.P384, KeyShape.P521 => ECCCurve.P521, _ => ECCCurve.P256 } } },
        };

    public static KeyShape? Of(KeyMetadata key) => key.Parameters?.AlgorithmParamsCase switch
    {
        KeyParameters.AlgorithmParamsOneofCase.RsaParams => key.Parameters.RsaParams.KeySize switch
        {
            RSAKeySize._2048 => KeyShape.Rsa2048,
            RSAKeySize._3072 => KeyShape.Rsa3072,
            RSAKeySize._4096 => KeyShape.Rsa4096,
            _ => null,
        },
        KeyParameters.AlgorithmParamsOneofCase.EccParams => key.Parameters.EccParams.Curve switch
        {
            ECCCurve.P256 => KeyShape.P256,
            ECCCurve.P384 => KeyShape.P384,
            ECCCurve.P521 => KeyShape.P521,
            _ => null,
        },
        _ => null,
    };
}
