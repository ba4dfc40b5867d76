using Supacrypt.Backend.Keys;
using Supacrypt.V1;

namespace Supacrypt.Backend.Grpc;

/// <summary>
/// supacrypt.v1 request parameters as the domain's requests. Nothing is refused here: values outside the contract
/// keep their numbers (the domain enums are numbered as the contract's) so the domain names them in its refusal,
/// in the same order of checks whatever the edge.
/// </summary>
internal static class RequestMapping
{
    public static KeyRequest ToKeyRequest(KeyAlgorithm algorithm, KeyParameters? parameters) =>
        parameters?.AlgorithmParamsCase switch
        {
            KeyParameters.AlgorithmParamsOneofCase.RsaParams => new KeyRequest(
                (KeyFamily)algorithm, ParameterFamily.Rsa, (int)parameters.RsaParams.KeySize, parameters.RsaParams.PublicExponent, NamedCurve.Unspecified),
            KeyParameters.AlgorithmParamsOneofCase.EccParams => new KeyRequest(
                (KeyFamily)algorithm, ParameterFamily.Ec, 0, 0, (NamedCurve)parameters.EccParams.Curve),
            _ => new KeyRequest((KeyFamily)algorithm, ParameterFamily.None, 0, 0, NamedCurve.Unspecified),
        };

    public static SigningRequest ToSigningRequest(SigningParameters? parameters) =>
        parameters?.AlgorithmParamsCase switch
        {
            SigningParameters.AlgorithmParamsOneofCase.RsaParams => new SigningRequest(
                (HashFunction)parameters.HashAlgorithm, ParameterFamily.Rsa, (RsaPadding)parameters.RsaParams.PaddingScheme, parameters.RsaParams.SaltLength),
            SigningParameters.AlgorithmParamsOneofCase.EccParams => new SigningRequest(
                (HashFunction)parameters.HashAlgorithm, ParameterFamily.Ec, RsaPadding.Unspecified, 0),
            _ => new SigningRequest((HashFunction)(parameters?.HashAlgorithm ?? HashAlgorithm.Unspecified), ParameterFamily.None, RsaPadding.Unspecified, 0),
        };

    public static EncryptionRequest ToEncryptionRequest(EncryptionParameters? parameters) =>
        parameters?.AlgorithmParamsCase switch
        {
            EncryptionParameters.AlgorithmParamsOneofCase.RsaParams => new EncryptionRequest(
                ParameterFamily.Rsa, (RsaPadding)parameters.RsaParams.PaddingScheme, (HashFunction)parameters.RsaParams.OaepHash, !parameters.RsaParams.OaepLabel.IsEmpty),
            EncryptionParameters.AlgorithmParamsOneofCase.EccParams => new EncryptionRequest(ParameterFamily.Ec, RsaPadding.Unspecified, HashFunction.Unspecified, false),
            _ => new EncryptionRequest(ParameterFamily.None, RsaPadding.Unspecified, HashFunction.Unspecified, false),
        };
}
