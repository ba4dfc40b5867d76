using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Keeps revocation visible: with <c>NoCheck</c> a warning at start-up and every hour after; with <c>Crl</c> the gauge
/// <c>supacrypt.security.crl.expiry</c> (seconds until each issuer's list reaches nextUpdate) and a warning whenever
/// the list in force has less than a quarter of its validity left, at each change and every hour, so that an expiring
/// list is renewed before it starts refusing every certificate of its issuer.
/// </summary>
internal sealed class RevocationWatch : BackgroundService
{
    public const string ExpiryMetric = "supacrypt.security.crl.expiry";
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);

    private readonly SecurityOptions _options;
    private readonly SecurityFiles _files;
    private readonly TimeProvider _time;
    private readonly ILogger<RevocationWatch> _logger;

    public RevocationWatch(IOptions<SecurityOptions> options, SecurityFiles files, TimeProvider time, ILogger<RevocationWatch> logger, IMeterFactory meters)
    {
        _options = options.Value;
        _files = files;
        _time = time;
        _logger = logger;
        if (IsChecking)
        {
            meters.Create(BackendTelemetry.Name).CreateObservableGauge(
                ExpiryMetric, ObserveExpiry, unit: "s", description: "Seconds until the nextUpdate of each issuer's certificate revocation list in force; negative once it expired.");
            files.Changed += WarnOfExpiry;
        }
    }

    private bool IsChecking => _options.Mode != TransportSecurity.Insecure && _options.EffectiveRevocationMode == RevocationCheck.Crl;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Mode == TransportSecurity.Insecure)
        {
            return;
        }

        // The timer starts before the first warning, so the hour is counted from that warning and a clock moved on
        // right after it (a test's fake clock) is never missed.
        using var hourly = new PeriodicTimer(Period, _time);
        try
        {
            do
            {
                if (IsChecking)
                {
                    WarnOfExpiry();
                }
                else
                {
                    _logger.LogWarning(
                        "Security:RevocationMode=NoCheck: client certificates are accepted without checking revocation, so a revoked certificate keeps working until it expires. " +
                        "Set Security:RevocationMode=Crl with Security:CertificateRevocationListPaths or Security:CertificateRevocationListUrls.");
                }
            }
            while (await hourly.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private IEnumerable<Measurement<double>> ObserveExpiry()
    {
        var now = _time.GetUtcNow();
        return RevocationList.NewestPerIssuer(_files.Current.RevocationLists)
            .Where(list => list.NextUpdate is not null)
            .Select(list => new Measurement<double>(
                (list.NextUpdate!.Value - now).TotalSeconds,
                new KeyValuePair<string, object?>("issuer", CallerIdentity.Printable(list.Issuer.Name))));
    }

    private void WarnOfExpiry()
    {
        var now = _time.GetUtcNow();
        foreach (var list in RevocationList.NewestPerIssuer(_files.Current.RevocationLists).Where(list => !list.HasExpired(now) && list.IsNearExpiry(now)))
        {
            _logger.LogWarning(
                "Certificate revocation list '{Source}' of {Issuer} reaches its nextUpdate at {NextUpdate:O}, with less than a quarter of its validity left; publish a renewed list before then, or every certificate of {Issuer} is refused",
                list.Path, CallerIdentity.Printable(list.Issuer.Name), list.NextUpdate, CallerIdentity.Printable(list.Issuer.Name));
        }
    }
}
