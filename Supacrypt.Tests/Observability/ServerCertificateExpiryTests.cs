using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Supacrypt.Backend.Health;
using Supacrypt.Backend.Security;

namespace Supacrypt.Tests.Observability;

public sealed class ServerCertificateExpiryTests : IDisposable
{
    private static readonly DateTimeOffset NotAfter = new(2030, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("supacrypt-expiry-").FullName;

    [Theory]
    [InlineData(30, HealthStatus.Healthy)]
    [InlineData(14.5, HealthStatus.Healthy)]
    [InlineData(13, HealthStatus.Degraded)]
    [InlineData(0.01, HealthStatus.Degraded)]
    [InlineData(-1, HealthStatus.Unhealthy)]
    public async Task Readiness_degrades_within_the_warning_days_and_fails_once_the_certificate_expired(double daysLeft, HealthStatus expected)
    {
        var path = WriteCertificate(NotAfter);
        var time = new FakeTimeProvider(NotAfter - TimeSpan.FromDays(daysLeft));

        var result = await Check(path, warningDays: 14, time);

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public async Task The_warning_period_comes_from_configuration()
    {
        var path = WriteCertificate(NotAfter);
        var time = new FakeTimeProvider(NotAfter - TimeSpan.FromDays(20));

        Assert.Equal(HealthStatus.Healthy, (await Check(path, warningDays: 14, time)).Status);
        Assert.Equal(HealthStatus.Degraded, (await Check(path, warningDays: 30, time)).Status);
    }

    [Fact]
    public async Task A_renewed_certificate_on_disk_is_seen_at_the_next_check()
    {
        var path = WriteCertificate(NotAfter);
        var time = new FakeTimeProvider(NotAfter - TimeSpan.FromDays(2));
        Assert.Equal(HealthStatus.Degraded, (await Check(path, warningDays: 14, time)).Status);

        WriteCertificate(NotAfter.AddDays(90));

        Assert.Equal(HealthStatus.Healthy, (await Check(path, warningDays: 14, time)).Status);
    }

    [Fact]
    public async Task An_unreadable_certificate_is_unhealthy_and_named()
    {
        var path = Path.Combine(_directory, "server.crt");
        await File.WriteAllTextAsync(path, "not a certificate");

        var result = await Check(path, warningDays: 14, new FakeTimeProvider());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains(path, result.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TransportSecurity.ForwardedClientCertificate)]
    [InlineData(TransportSecurity.Insecure)]
    public async Task A_backend_that_serves_no_tls_itself_ignores_a_configured_certificate_file_that_is_not_there(TransportSecurity mode)
    {
        var missing = Path.Combine(_directory, "server.crt");
        var options = new CertificateExpiryOptions { Mode = mode, ServerCertificatePath = missing };
        var check = new ServerCertificateExpiryHealthCheck(new FixedOptions(options), new FakeTimeProvider());

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task<HealthCheckResult> Check(string path, int warningDays, TimeProvider time)
    {
        var options = new CertificateExpiryOptions { ServerCertificatePath = path, CertificateExpiryWarningDays = warningDays };
        var check = new ServerCertificateExpiryHealthCheck(new FixedOptions(options), time);
        return check.CheckHealthAsync(new HealthCheckContext());
    }

    private string WriteCertificate(DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(notAfter.AddYears(-1), notAfter);
        var path = Path.Combine(_directory, "server.crt");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }

    private sealed class FixedOptions(CertificateExpiryOptions value) : IOptionsMonitor<CertificateExpiryOptions>
    {
        public CertificateExpiryOptions CurrentValue => value;

        public CertificateExpiryOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CertificateExpiryOptions, string?> listener) => null;
    }
}
