using Supacrypt.Backend.Keys;
using Supacrypt.V1;

namespace Supacrypt.Backend.Security;

/// <summary>
/// The audit trail, one record per RPC under the logger category <c>Supacrypt.Audit</c>: who (subject, SHA-256
/// thumbprint), what (RPC, key name and version, algorithm), how it ended and how long it took, and the correlation
/// id. Structured properties only; never data, plaintext, ciphertext, signatures or key material.
/// </summary>
public sealed partial class AuditLog(ILoggerFactory loggers)
{
    public const string Category = "Supacrypt.Audit";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Record(string rpc, string keyId, object? request, CallerIdentity caller, string outcome, TimeSpan elapsed, string correlationId)
    {
        // Decoding the algorithm and splitting the key id cost more than the record itself when auditing is off.
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var separator = keyId.IndexOf('/');
        var keyName = separator < 0 ? keyId : keyId[..separator];
        var keyVersion = separator < 0 ? "" : keyId[(separator + 1)..];
        Write(
            _logger,
            rpc,
            KeyReference.Printable(keyName),
            KeyReference.Printable(keyVersion),
            AlgorithmOf(request),
            CallerIdentity.Printable(caller.Subject),
            caller.Thumbprint,
            outcome,
            elapsed.TotalMilliseconds,
            correlationId);
    }

    [LoggerMessage(1, LogLevel.Information,
        "Audit: {Rpc} of key '{KeyName}' version '{KeyVersion}' with {Algorithm} by {Subject} ({Thumbprint}) ended {Outcome} in {ElapsedMs:F1} ms; correlation id {CorrelationId}")]
    private static partial void Write(
        ILogger logger, string rpc, string keyName, string keyVersion, string algorithm, string subject, string thumbprint, string outcome, double elapsedMs, string correlationId);

    // What the caller asked for (enum names only); "default" where it left the contract's defaults to apply.
    private static string AlgorithmOf(object? request) => request switch
    {
        GenerateKeyRequest generate => generate.Parameters?.AlgorithmParamsCase switch
        {
            KeyParameters.AlgorithmParamsOneofCase.RsaParams => $"{generate.Algorithm} {generate.Parameters.RsaParams.KeySize}",
            KeyParameters.AlgorithmParamsOneofCase.EccParams => $"{generate.Algorithm} {generate.Parameters.EccParams.Curve}",
            _ => generate.Algorithm.ToString(),
        },
        SignDataRequest sign => Signing(sign.Parameters),
        VerifySignatureRequest verify => Signing(verify.Parameters),
        EncryptDataRequest encrypt => Encryption(encrypt.Parameters),
        DecryptDataRequest decrypt => Encryption(decrypt.Parameters),
        _ => "-",
    };

    private static string Signing(SigningParameters? parameters) => parameters is null
        ? "default"
        : parameters.RsaParams is { } rsa ? $"{parameters.HashAlgorithm} {rsa.PaddingScheme}" : parameters.HashAlgorithm.ToString();

    private static string Encryption(EncryptionParameters? parameters) => parameters?.RsaParams is { } rsa
        ? $"{rsa.PaddingScheme} {rsa.OaepHash}"
        : parameters?.EccParams is { } ecc ? $"ECIES {ecc.KdfHash}" : "default";
}
