using Supacrypt.Backend.Keys;
using Supacrypt.Backend.Security;
using Supacrypt.V1;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// The audit trail, one record per call under the logger category <c>Supacrypt.Audit</c>, written only here: who
/// (subject, SHA-256 thumbprint), what (RPC, key name and version, algorithm), how it ended and how long it took, and
/// the correlation id. Structured properties only; never data, plaintext, ciphertext, signatures or key material.
/// </summary>
public sealed partial class AuditLog(ILoggerFactory loggers)
{
    public const string Category = "Supacrypt.Audit";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public bool IsEnabled => _logger.IsEnabled(LogLevel.Information);

    /// <summary>A call that went through the pipeline, with what its request asked for.</summary>
    public void Record(CallState call, ISupacryptRequest request, string outcome, TimeSpan elapsed)
    {
        // Decoding the algorithm costs more than the record itself when auditing is off.
        if (IsEnabled)
        {
            Write(
                call.Rpc,
                KeyReference.Printable(call.KeyName ?? ""),
                KeyReference.Printable(call.KeyVersion ?? ""),
                AlgorithmOf(request),
                call.Caller,
                outcome,
                elapsed,
                call.CorrelationId);
        }
    }

    /// <summary>A call refused before the pipeline (no or refused certificate, a rate limit): same record, nothing decoded.</summary>
    public void RecordRefusal(HttpContext context, CallerIdentity caller, string outcome)
    {
        if (IsEnabled)
        {
            var path = context.Request.Path.Value ?? "";
            Write(path[(path.LastIndexOf('/') + 1)..], "", "", "-", caller, outcome, TimeSpan.Zero, CorrelationId.Of(context));
        }
    }

    private void Write(string rpc, string keyName, string keyVersion, string algorithm, CallerIdentity caller, string outcome, TimeSpan elapsed, string correlationId) =>
        Write(
            _logger,
            rpc,
            keyName,
            keyVersion,
            algorithm,
            CallerIdentity.Printable(caller.Subject),
            caller.Thumbprint,
            outcome,
            elapsed.TotalMilliseconds,
            correlationId);

    [LoggerMessage(1, LogLevel.Information,
        "Audit: {Rpc} of key '{KeyName}' version '{KeyVersion}' with {Algorithm} by {Subject} ({Thumbprint}) ended {Outcome} in {ElapsedMs:F1} ms; correlation id {CorrelationId}")]
    private static partial void Write(
        ILogger logger, string rpc, string keyName, string keyVersion, string algorithm, string subject, string thumbprint, string outcome, double elapsedMs, string correlationId);

    // What the caller asked for (enum names, and an RSA key size as its number of bits, which its enum name would only
    // spell as "_2048"); "default" where it left the contract's defaults to apply.
    private static string AlgorithmOf(ISupacryptRequest request) => request switch
    {
        GenerateKeyRequest generate => generate.Parameters?.AlgorithmParamsCase switch
        {
            KeyParameters.AlgorithmParamsOneofCase.RsaParams => $"{generate.Algorithm} {(int)generate.Parameters.RsaParams.KeySize}",
            KeyParameters.AlgorithmParamsOneofCase.EccParams => $"{generate.Algorithm} {generate.Parameters.EccParams.Curve}",
            _ => generate.Algorithm.ToString(),
        },
        INamesSigningAlgorithm { Parameters: null } or INamesEncryptionAlgorithm { Parameters: null } => "default",
        INamesSigningAlgorithm { Parameters: var signing } =>
            signing.RsaParams is { } rsa ? $"{signing.HashAlgorithm} {rsa.PaddingScheme}" : signing.HashAlgorithm.ToString(),
        INamesEncryptionAlgorithm { Parameters: var encryption } => encryption.RsaParams is { } rsa
            ? $"{rsa.PaddingScheme} {rsa.OaepHash}"
            : encryption.EccParams is { } ecc ? $"ECIES {ecc.KdfHash}" : "default",
        _ => "-",
    };
}
