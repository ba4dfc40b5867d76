using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Keeps the server certificate, the CA bundle and the CRLs as they are on disk now. The files are polled (on the
/// injected clock) rather than watched: mounted Kubernetes secrets and synced Key Vault secrets change by swapping a
/// symbolic link, which file-system events do not reliably report. A change that cannot be read keeps the last good
/// certificate and authorities; an unreadable CRL is recorded so that checks against it fail closed.
/// </summary>
internal sealed class SecurityFiles : IDisposable
{
    private readonly SecurityOptions _options;
    private readonly ILogger<SecurityFiles> _logger;
    private readonly ITimer? _timer;
    private string _fingerprint = "";

    public SecurityFiles(IOptions<SecurityOptions> options, ILogger<SecurityFiles> logger, TimeProvider time)
    {
        _options = options.Value;
        _logger = logger;
        if (_options.Mode == TransportSecurity.Insecure)
        {
            return;
        }

        Reload();
        _timer = time.CreateTimer(_ => Reload(), null, _options.FileCheckInterval, _options.FileCheckInterval);
    }

    public TrustMaterial Current { get; private set; } = TrustMaterial.Empty;

    /// <summary>Raised after the files changed and were read again.</summary>
    public event Action? Changed;

    private void Reload()
    {
        var paths = new[] { _options.ServerCertificatePath, _options.ServerCertificateKeyPath, _options.ClientCertificateAuthorityPath }
            .Concat(_options.CertificateRevocationListPaths);
        var fingerprint = Fingerprint(paths);
        if (fingerprint == _fingerprint)
        {
            return;
        }

        var previous = Current;
        try
        {
            var server = _options.Mode == TransportSecurity.MutualTls ? ServerCertificate.Load(_options) : null;
            var authorities = ServerCertificate.LoadAuthorities(_options);
            var (lists, failures) = LoadRevocationLists();
            Current = new TrustMaterial(server, authorities, lists, failures);
            _fingerprint = fingerprint;
            if (previous != TrustMaterial.Empty)
            {
                _logger.LogInformation("Security files changed on disk and were read again (server certificate {Thumbprint})", server?.Thumbprint ?? "none");
            }

            Changed?.Invoke();
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or CryptographicException or UnauthorizedAccessException)
        {
            // Half-written files during a rotation land here; the next check reads them again.
            _logger.LogError("Security files could not be read, keeping the previous ones: {Reason}", exception.Message);
        }
    }

    private (List<RevocationList> Lists, List<string> Failures) LoadRevocationLists()
    {
        var lists = new List<RevocationList>();
        var failures = new List<string>();
        foreach (var path in _options.CertificateRevocationListPaths)
        {
            try
            {
                lists.Add(RevocationList.Load(path));
            }
            catch (Exception exception) when (exception is IOException or CryptographicException or UnauthorizedAccessException)
            {
                _logger.LogError("Certificate revocation list '{Path}' cannot be read; client certificates it would cover are refused: {Reason}", path, exception.Message);
                failures.Add(path);
            }
        }

        return (lists, failures);
    }

    private static string Fingerprint(IEnumerable<string?> paths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            try
            {
                hash.AppendData(path is null ? [] : File.ReadAllBytes(path));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                hash.AppendData([0xFF]);
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public void Dispose() => _timer?.Dispose();
}
