using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Supacrypt.Backend.Security;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.Tests.Interop;
using Supacrypt.V1;

namespace Supacrypt.Tests.Security;

// A refusal at the handshake fails the connection: UNAVAILABLE, or INTERNAL when TLS 1.3 delivers the server's alert
// only after the client sent its request. The authentication handler alone would answer PERMISSION_DENIED; telling
// them apart shows that a bad certificate never gets as far as an HTTP request.
[Collection(BackendTests.Name)]
public sealed class CertificateValidationTests(BackendFixture fixture) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new();
    private OpensslAuthority _authority = null!;
    private SecuredBackend _backend = null!;
    private string? _lastFailure;

    public async Task InitializeAsync()
    {
        _authority = await OpensslAuthority.CreateRootAsync(_directory.Path, "Operator Root CA");
        await _authority.PublishRevocationListAsync();
        _backend = SecuredBackend.Start(fixture.Emulator.VaultUri, settings =>
        {
            settings["Security:ClientCertificateAuthorityPath"] = _authority.CertificatePath;
            settings["Security:RevocationMode"] = "Crl";
            settings["Security:CertificateRevocationListPaths:0"] = _authority.RevocationListPath;
            settings["Security:FileCheckInterval"] = "00:00:00.100";
            settings["Security:Authorization:Clients:0:Subject"] = "CN=operator-client";
        });
    }

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_certificate_from_the_configured_authority_is_served()
    {
        using var client = OpensslAuthority.Load(await _authority.IssueAsync("operator-client"));

        Assert.Equal(StatusCode.OK, await CallAsync(client));
    }

    [Fact]
    public async Task A_call_without_a_certificate_is_unauthenticated()
    {
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(null));
    }

    [Fact]
    public async Task A_certificate_from_another_authority_is_refused_at_the_handshake()
    {
        var other = await OpensslAuthority.CreateRootAsync(_directory.Path, "Other CA");
        using var client = OpensslAuthority.Load(await other.IssueAsync("operator-client"));

        Assert.True(RefusedAtHandshake(await CallAsync(client)), _lastFailure);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused_at_the_handshake()
    {
        using var client = OpensslAuthority.Load(await _authority.IssueAsync("operator-client", validity: ("20200101000000Z", "20200201000000Z")));

        Assert.True(RefusedAtHandshake(await CallAsync(client)), _lastFailure);
    }

    [Fact]
    public async Task A_certificate_without_the_client_authentication_usage_is_refused_at_the_handshake()
    {
        using var client = OpensslAuthority.Load(await _authority.IssueAsync("operator-client", profile: "no_eku"));

        Assert.True(RefusedAtHandshake(await CallAsync(client)), _lastFailure);
    }

    [Fact]
    public async Task A_certificate_revoked_by_a_republished_CRL_is_refused_without_a_restart()
    {
        var issued = await _authority.IssueAsync("operator-client");
        using var client = OpensslAuthority.Load(issued);
        Assert.Equal(StatusCode.OK, await CallAsync(client));

        await _authority.RevokeAsync(issued.CertificatePath);
        await _authority.PublishRevocationListAsync();

        await Eventually.HoldsAsync(async () => RefusedAtHandshake(await CallAsync(client)), "Refusing the certificate");
    }

    // Authentication builds a connection's principal once, but judges its certificate on every call: a certificate
    // revoked while its connection stays open is refused on that connection's next call.
    [Fact]
    public async Task A_certificate_revoked_while_its_connection_stays_open_is_refused_on_the_next_call()
    {
        var issued = await _authority.IssueAsync("operator-client");
        using var certificate = OpensslAuthority.Load(issued);
        var connection = _backend.ClientFor(certificate);
        Assert.Equal(StatusCode.OK, await CallOnAsync(connection));

        await _authority.RevokeAsync(issued.CertificatePath);
        await _authority.PublishRevocationListAsync();

        await Eventually.HoldsAsync(async () => await CallOnAsync(connection) == StatusCode.PermissionDenied, "Refusing the open connection's next call");
    }

    [Fact]
    public async Task An_unreadable_CRL_fails_closed()
    {
        using var client = OpensslAuthority.Load(await _authority.IssueAsync("operator-client"));
        await File.WriteAllTextAsync(_authority.RevocationListPath, "-----BEGIN X509 CRL-----\nbm90IGEgQ1JM\n-----END X509 CRL-----\n");

        await Eventually.HoldsAsync(async () => RefusedAtHandshake(await CallAsync(client)), "Refusing the certificate");
    }

    [Fact]
    public async Task An_expired_CRL_fails_closed()
    {
        using var client = OpensslAuthority.Load(await _authority.IssueAsync("operator-client"));
        Assert.Equal(StatusCode.OK, await CallAsync(client));

        await _authority.PublishRevocationListAsync(expired: true);

        await Eventually.HoldsAsync(async () => RefusedAtHandshake(await CallAsync(client)), "Refusing the certificate");
    }

    [Fact]
    public async Task A_certificate_whose_issuer_is_missing_is_refused_without_fetching_its_AIA_url()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connections = 0;
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                using var socket = await listener.AcceptSocketAsync();
                Interlocked.Increment(ref connections);
            }
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var intermediate = await _authority.IssueAuthorityAsync("Operator Issuing CA");
        using var client = OpensslAuthority.Load(await intermediate.IssueAsync("operator-client", aiaUrl: $"http://127.0.0.1:{port}/issuing-ca.crt"));

        var status = await CallAsync(client);

        Assert.True(RefusedAtHandshake(status), $"{status}: {_lastFailure}");
        Assert.Equal(0, Volatile.Read(ref connections));
        Assert.False(accepting.IsCompleted);
    }

    // Junk anyone can mint without end: each is refused (and its refusal cached), and none may cost a valid caller its
    // cached verdict. Handed to the validator directly, as the handshake does, so the flood takes seconds.
    [Fact]
    public async Task A_flood_of_refused_certificates_leaves_a_valid_callers_verdict_cached()
    {
        using var client = OpensslAuthority.Load(await _authority.IssueAsync("operator-client"));
        Assert.Equal(StatusCode.OK, await CallAsync(client));
        var validator = _backend.Services.GetRequiredService<ClientCertificateValidator>();

        using var junkKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        for (var i = 0; i <= CertificateVerdictCache.Capacity; i++)
        {
            using var junk = SelfSignedClient(junkKey, $"CN=junk-{i}");
            Assert.False(validator.ValidateAtHandshake(junk, null).IsValid);
        }

        var chainBuilds = validator.ChainBuilds;
        Assert.Equal(StatusCode.OK, await CallAsync(client));
        Assert.Equal(chainBuilds, validator.ChainBuilds);
    }

    private static X509Certificate2 SelfSignedClient(ECDsa key, string subject)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private Task<StatusCode> CallAsync(X509Certificate2? certificate) => CallOnAsync(_backend.ClientFor(certificate));

    private async Task<StatusCode> CallOnAsync(SupacryptService.SupacryptServiceClient client)
    {
        try
        {
            var response = await client.ListKeysAsync(new ListKeysRequest { PageSize = 1 }, deadline: DateTime.UtcNow.Add(Deadline));
            Assert.Equal(ListKeysResponse.ResultOneofCase.Success, response.ResultCase);
            return StatusCode.OK;
        }
        catch (RpcException exception)
        {
            _lastFailure = exception.ToString();
            return exception.StatusCode;
        }
    }

    private static bool RefusedAtHandshake(StatusCode status) => status is StatusCode.Unavailable or StatusCode.Internal;
}
