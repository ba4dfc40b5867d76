using System.Diagnostics.Metrics;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.Tests.Interop;
using Supacrypt.Tests.Reliability;
using Supacrypt.V1;

namespace Supacrypt.Tests.Security;

/// <summary>
/// Where CRLs come from and which are believed: operator URLs on a real Kestrel distribution point, lists older than
/// one already accepted, signers without cRLSign, and lists about to expire. Authorities and CRLs come from
/// <c>openssl ca</c>. A refusal at the handshake is UNAVAILABLE or INTERNAL; PERMISSION_DENIED or OK means the
/// certificate was accepted.
/// </summary>
[Collection(BackendTests.Name)]
public sealed class RevocationListSourceTests(BackendFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string Client = "crl-client";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new();
    private readonly List<IAsyncDisposable> _started = [];
    private readonly ErrorLogs _logs = new(LogLevel.Information);
    private OpensslAuthority _authority = null!;

    public async Task InitializeAsync()
    {
        _authority = await OpensslAuthority.CreateRootAsync(_directory.Path, $"CRL Source CA {Guid.NewGuid():N}");
        await _authority.PublishRevocationListAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var started in Enumerable.Reverse(_started))
        {
            await started.DisposeAsync();
        }
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_CRL_from_an_operator_url_refuses_its_revoked_certificates_and_serves_the_others()
    {
        var revoked = await _authority.IssueAsync("crl-revoked");
        await _authority.RevokeAsync(revoked.CertificatePath);
        await _authority.PublishRevocationListAsync();
        var publisher = await PublishAsync();
        var backend = Start(settings => settings["Security:CertificateRevocationListUrls:0"] = publisher.UrlOf("ca.crl"));
        using var client = OpensslAuthority.Load(await _authority.IssueAsync(Client));
        using var revokedClient = OpensslAuthority.Load(revoked);

        Assert.Equal(StatusCode.OK, await CallAsync(backend, client));
        Assert.True(RefusedAtHandshake(await CallAsync(backend, revokedClient)));
        Assert.Contains(_logs.Entries, entry => entry.Contains($"Fetched certificate revocation list {publisher.UrlOf("ca.crl")}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_list_renewed_at_the_url_takes_effect_without_a_restart()
    {
        var publisher = await PublishAsync();
        var backend = Start(settings =>
        {
            settings["Security:CertificateRevocationListUrls:0"] = publisher.UrlOf("ca.crl");
            settings["Security:CertificateRevocationListRefreshInterval"] = "00:00:01";
        });
        var issued = await _authority.IssueAsync(Client);
        using var client = OpensslAuthority.Load(issued);
        Assert.Equal(StatusCode.OK, await CallAsync(backend, client));

        await _authority.RevokeAsync(issued.CertificatePath);
        await _authority.PublishRevocationListAsync();

        await Eventually.HoldsAsync(async () => RefusedAtHandshake(await CallAsync(backend, client)), "Refusing the certificate revoked at the URL");
    }

    [Fact]
    public async Task A_url_that_redirects_to_another_host_is_not_followed_and_revocation_fails_closed()
    {
        var publisher = await PublishAsync();
        var backend = Start(settings => settings["Security:CertificateRevocationListUrls:0"] = publisher.RedirectingUrlOf("ca.crl"));
        using var client = OpensslAuthority.Load(await _authority.IssueAsync(Client));

        Assert.True(RefusedAtHandshake(await CallAsync(backend, client)));
        Assert.Contains(_logs.Entries, entry => entry.Contains("redirected to another host (localhost)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_larger_than_a_CRL_may_be_is_refused()
    {
        var publisher = await PublishAsync();
        var backend = Start(settings => settings["Security:CertificateRevocationListUrls:0"] = publisher.HugeUrl);
        using var client = OpensslAuthority.Load(await _authority.IssueAsync(Client));

        Assert.True(RefusedAtHandshake(await CallAsync(backend, client)));
        Assert.Contains(_logs.Entries, entry => entry.Contains("a CRL may have", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_older_CRL_put_in_place_of_a_newer_one_is_refused_and_the_newer_one_stays_in_force()
    {
        var older = Path.Combine(_directory.Path, "older.crl");
        File.Copy(_authority.RevocationListPath, older);
        var issued = await _authority.IssueAsync(Client);
        await _authority.RevokeAsync(issued.CertificatePath);
        await _authority.PublishRevocationListAsync();
        var backend = Start(settings =>
        {
            settings["Security:CertificateRevocationListPaths:0"] = _authority.RevocationListPath;
            settings["Security:FileCheckInterval"] = "00:00:00.100";
        });
        using var client = OpensslAuthority.Load(issued);
        Assert.True(RefusedAtHandshake(await CallAsync(backend, client)));

        File.Copy(older, _authority.RevocationListPath, overwrite: true);

        await Eventually.HoldsAsync(
            () => Task.FromResult(_logs.Entries.Any(entry => entry.Contains($"'{_authority.RevocationListPath}'", StringComparison.Ordinal) && entry.Contains("is refused: it is older", StringComparison.Ordinal))),
            "Refusing the older list");
        Assert.True(RefusedAtHandshake(await CallAsync(backend, client)));
    }

    // Whoever can write the CRL file but lacks the authority's key makes a list under the authority's name with a
    // higher CRL number: it must neither be used nor make the genuine list look old.
    [Fact]
    public async Task A_list_under_the_authoritys_name_but_not_signed_by_it_leaves_the_accepted_list_in_force()
    {
        var impostor = await OpensslAuthority.CreateRootAsync(Path.Combine(_directory.Path, "impostor"), Path.GetFileName(_authority.Directory));
        for (var published = 0; published < 3; published++)
        {
            await impostor.PublishRevocationListAsync();
        }

        var backend = Start(settings =>
        {
            settings["Security:CertificateRevocationListPaths:0"] = _authority.RevocationListPath;
            settings["Security:FileCheckInterval"] = "00:00:00.100";
        });
        using var client = OpensslAuthority.Load(await _authority.IssueAsync(Client));
        Assert.Equal(StatusCode.OK, await CallAsync(backend, client));

        File.Copy(impostor.RevocationListPath, _authority.RevocationListPath, overwrite: true);

        await Eventually.HoldsAsync(
            () => Task.FromResult(_logs.Entries.Any(entry => entry.Contains("but is not signed by it", StringComparison.Ordinal))),
            "Noticing the list the authority did not sign");
        Assert.Equal(StatusCode.OK, await CallAsync(backend, client));
    }

    [Fact]
    public async Task A_CRL_signed_by_an_authority_without_cRLSign_is_not_believed()
    {
        var authority = await OpensslAuthority.CreateRootAsync(_directory.Path, $"No CRL Sign CA {Guid.NewGuid():N}", keyUsage: "critical,keyCertSign,digitalSignature");
        await authority.PublishRevocationListAsync();
        var backend = Start(settings =>
        {
            settings["Security:ClientCertificateAuthorityPath"] = authority.CertificatePath;
            settings["Security:CertificateRevocationListPaths:0"] = authority.RevocationListPath;
        });
        using var client = OpensslAuthority.Load(await authority.IssueAsync(Client));

        Assert.True(RefusedAtHandshake(await CallAsync(backend, client)));
        Assert.Contains(_logs.Entries, entry => entry.Contains("lacks the cRLSign key usage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_CRL_with_less_than_a_quarter_of_its_validity_left_is_reported_while_readiness_stays_up()
    {
        var now = DateTimeOffset.UtcNow;
        await _authority.PublishRevocationListAsync(between: (now.AddHours(-3), now.AddMinutes(30)));
        string? healthUrl = null;
        var backend = Start(settings =>
        {
            settings["Security:CertificateRevocationListPaths:0"] = _authority.RevocationListPath;
            healthUrl = settings["Kestrel:Endpoints:http:Url"];
        });
        using var client = OpensslAuthority.Load(await _authority.IssueAsync(Client));
        var issuer = new X500DistinguishedName($"CN={Path.GetFileName(_authority.Directory)}").Name;

        var expiry = ObserveExpiry(issuer);
        var entry = (await backend.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "certificate-revocation-lists")).Entries.Single().Value;
        using var http = new HttpClient();
        using var readiness = await http.GetAsync($"{healthUrl}/health/ready");

        Assert.Equal(StatusCode.OK, await CallAsync(backend, client));
        Assert.InRange(expiry, 0, 1800);
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("less than a quarter", entry.Description, StringComparison.Ordinal);
        Assert.True(readiness.IsSuccessStatusCode);
        Assert.Equal("Degraded", await readiness.Content.ReadAsStringAsync());
        // The hosted watch writes its first warning on the thread pool, alongside the calls above.
        await Eventually.HoldsAsync(
            () => Task.FromResult(_logs.Entries.Any(log => log.Contains("less than a quarter of its validity left", StringComparison.Ordinal))),
            "The near-expiry warning");
    }

    private static double ObserveExpiry(string issuer)
    {
        double? seconds = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "supacrypt.security.crl.expiry")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "issuer" && Equals(tag.Value, issuer))
                {
                    seconds = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seconds ?? throw new Xunit.Sdk.XunitException($"No supacrypt.security.crl.expiry measurement for {issuer}.");
    }

    private async Task<CrlPublisher> PublishAsync()
    {
        var publisher = await CrlPublisher.StartAsync(_authority.Directory);
        _started.Add(publisher);
        return publisher;
    }

    private SecuredBackend Start(Action<Dictionary<string, string?>> configure)
    {
        var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, settings =>
        {
            settings["Security:ClientCertificateAuthorityPath"] = _authority.CertificatePath;
            settings["Security:RevocationMode"] = "Crl";
            settings["Security:Authorization:Clients:0:Subject"] = $"CN={Client}";
            configure(settings);
        }, _logs);
        _started.Add(backend);
        return backend;
    }

    private static async Task<StatusCode> CallAsync(SecuredBackend backend, X509Certificate2 certificate)
    {
        try
        {
            await backend.ClientFor(certificate).ListKeysAsync(new ListKeysRequest { PageSize = 1 }, deadline: DateTime.UtcNow.Add(Deadline));
            return StatusCode.OK;
        }
        catch (RpcException exception)
        {
            return exception.StatusCode;
        }
    }

    private static bool RefusedAtHandshake(StatusCode status) => status is StatusCode.Unavailable or StatusCode.Internal;
}
