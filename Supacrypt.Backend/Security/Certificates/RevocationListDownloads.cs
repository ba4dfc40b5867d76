using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Fetches every <c>Security:CertificateRevocationListUrls</c> entry at start (before the server takes calls) and again
/// before the list's nextUpdate, at the latest every <c>Security:CertificateRevocationListRefreshInterval</c>. Every
/// fetch is logged; a failed one keeps the last good list (and is retried sooner), so a publisher's outage costs
/// nothing until that list expires, after which its issuer's certificates are refused.
/// </summary>
internal sealed class RevocationListDownloads(
    IOptions<SecurityOptions> options, SecurityFiles files, TimeProvider time, ILogger<RevocationListDownloads> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);
    private readonly SecurityOptions _options = options.Value;
    private readonly RevocationListClient _client = new();
    private readonly Dictionary<string, RevocationList> _lastGood = new(StringComparer.Ordinal);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsActive)
        {
            await Task.WhenAll(_options.CertificateRevocationListUrls.Select(url => FetchAsync(url, cancellationToken)));
        }

        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        IsActive ? Task.WhenAll(_options.CertificateRevocationListUrls.Select(url => RefreshAsync(url, stoppingToken))) : Task.CompletedTask;

    private bool IsActive => _options.Mode != TransportSecurity.Insecure && _options.EffectiveRevocationMode == RevocationCheck.Crl;

    private async Task RefreshAsync(string url, CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(NextWait(url), time, stoppingToken);
                await FetchAsync(url, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // Due when a quarter of the list's validity is left (so a renewal has time to arrive before nextUpdate), and never
    // later than the refresh interval; soon again after a failure.
    private TimeSpan NextWait(string url)
    {
        var interval = _options.CertificateRevocationListRefreshInterval;
        TimeSpan wait;
        lock (_lastGood)
        {
            if (!_lastGood.TryGetValue(url, out var list) || list.HasExpired(time.GetUtcNow()))
            {
                wait = interval < RetryAfterFailure ? interval : RetryAfterFailure;
            }
            else
            {
                var renewal = list.NextUpdate!.Value - ((list.NextUpdate.Value - list.ThisUpdate) / 4);
                var untilRenewal = renewal - time.GetUtcNow();
                wait = untilRenewal < interval ? untilRenewal : interval;
            }
        }

        return wait < MinimumWait ? MinimumWait : wait;
    }

    private async Task FetchAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await _client.GetAsync(new Uri(url), cancellationToken);
            var list = RevocationList.Parse(url, bytes);
            logger.LogInformation(
                "Fetched certificate revocation list {Url}: {Bytes} bytes, issuer {Issuer}, CRL number {Number}, thisUpdate {ThisUpdate:O}, nextUpdate {NextUpdate:O}",
                url, bytes.Length, CallerIdentity.Printable(list.Issuer.Name), list.Number, list.ThisUpdate, list.NextUpdate);
            lock (_lastGood)
            {
                _lastGood[url] = list;
            }

            files.Downloaded(url, list);
        }
        catch (Exception exception) when (exception is RevocationListDownloadException or CryptographicException)
        {
            logger.LogError(
                "Fetching certificate revocation list {Url} failed; {Kept}: {Reason}",
                url, HasLastGood(url) ? "the last good list stays in force" : "certificates it would cover are refused until it succeeds", exception.Message);
        }
    }

    private bool HasLastGood(string url)
    {
        lock (_lastGood)
        {
            return _lastGood.ContainsKey(url);
        }
    }
}
