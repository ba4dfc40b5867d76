using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Keeps the server certificate, the CA bundle and the CRLs as they are on disk now, together with the CRLs last
/// downloaded from <c>Security:CertificateRevocationListUrls</c> (see <see cref="RevocationListDownloads"/>). The files are polled (on the
/// injected clock) rather than watched: mounted Kubernetes secrets and synced Key Vault secrets change by swapping a
/// symbolic link, which file-system events do not reliably report. A change that cannot be read keeps the last good
/// certificate and authorities; an unreadable CRL, or a URL not fetched yet, is recorded so that checks fail closed.
/// Every list passes <see cref="RevocationListHistory"/> first, so an older list never replaces a newer one.
/// </summary>
internal sealed class SecurityFiles : IDisposable
{
    private readonly SecurityOptions _options;
    private readonly RevocationListHistory _history;
    private readonly ILogger<SecurityFiles> _logger;
    private readonly ITimer? _timer;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RevocationList> _downloaded = new(StringComparer.Ordinal);
    private TrustMaterial _fromFiles = TrustMaterial.Empty;
    private string _fingerprint = "";

    public SecurityFiles(IOptions<SecurityOptions> options, RevocationListHistory history, ILogger<SecurityFiles> logger, TimeProvider time)
    {
        _options = options.Value;
        _history = history;
        _logger = logger;
        if (_options.Mode == TransportSecurity.Insecure)
        {
            return;
        }

        Reload();
        _timer = time.CreateTimer(_ => Reload(), null, _options.FileCheckInterval, _options.FileCheckInterval);
    }

    public TrustMaterial Current { get; private set; } = TrustMaterial.Empty;

    /// <summary>Raised after the files changed and were read again, or a CRL URL gave a new list.</summary>
    public event Action? Changed;

    /// <summary>Puts the list just fetched from <paramref name="url"/> in force (unless it is older than one already accepted).</summary>
    public void Downloaded(string url, RevocationList list)
    {
        lock (_gate)
        {
            _downloaded[url] = _history.Admit(list, _fromFiles.Authorities);
            Current = WithDownloads(_fromFiles);
        }

        Changed?.Invoke();
    }

    // A URL that never answered with a list counts as an unreadable CRL: revocation fails closed until it does.
    private TrustMaterial WithDownloads(TrustMaterial fromFiles) => fromFiles with
    {
        RevocationLists = [.. fromFiles.RevocationLists, .. _downloaded.Values],
        RevocationListFailures = [.. fromFiles.RevocationListFailures, .. _options.CertificateRevocationListUrls.Where(url => !_downloaded.ContainsKey(url))],
    };

    private void Reload()
    {
        lock (_gate)
        {
            if (!ReloadFiles())
            {
                return;
            }
        }

        Changed?.Invoke();
    }

    // True when the files changed and were read.
    private bool ReloadFiles()
    {
        var paths = new[] { _options.ServerCertificatePath, _options.ServerCertificateKeyPath, _options.ClientCertificateAuthorityPath }
            .Concat(_options.CertificateRevocationListPaths);
        var fingerprint = Fingerprint(paths);
        if (fingerprint == _fingerprint)
        {
            return false;
        }

        var previous = _fromFiles;
        try
        {
            var server = _options.PresentsServerCertificate ? ServerCertificate.Load(_options) : null;
            var authorities = ServerCertificate.LoadAuthorities(_options);
            var (lists, failures) = LoadRevocationLists(authorities);
            _fromFiles = new TrustMaterial(server, authorities, lists, failures);
            Current = WithDownloads(_fromFiles);
            _fingerprint = fingerprint;
            if (previous != TrustMaterial.Empty)
            {
                _logger.LogInformation("Security files changed on disk and were read again (server certificate {Thumbprint})", server?.Thumbprint ?? "none");
            }

            return true;
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or CryptographicException or UnauthorizedAccessException)
        {
            // Half-written files during a rotation land here; the next check reads them again.
            _logger.LogError("Security files could not be read, keeping the previous ones: {Reason}", exception.Message);
            return false;
        }
    }

    private (List<RevocationList> Lists, List<string> Failures) LoadRevocationLists(X509Certificate2Collection authorities)
    {
        var lists = new List<RevocationList>();
        var failures = new List<string>();
        foreach (var path in _options.CertificateRevocationListPaths)
        {
            try
            {
                lists.Add(_history.Admit(RevocationList.Load(path), authorities));
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
