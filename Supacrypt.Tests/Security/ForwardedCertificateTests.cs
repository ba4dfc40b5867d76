using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.Tests.Interop;
using Supacrypt.Tests.Reliability;
using Supacrypt.V1;

namespace Supacrypt.Tests.Security;

[Collection(BackendTests.Name)]
public sealed class ForwardedCertificateTests(BackendFixture fixture)
{
    private const string Xfcc = "x-forwarded-client-cert";

    [Fact]
    public async Task A_certificate_forwarded_from_a_known_network_is_validated_and_served()
    {
        await using var backend = Start("127.0.0.1/32");

        var status = await CallAsync(backend, Xfcc, Envoy(TestCertificates.Shared.Client));

        Assert.Equal(StatusCode.OK, status);
    }

    [Fact]
    public async Task A_certificate_in_ingress_nginx_format_is_read_from_its_header()
    {
        await using var backend = Start("127.0.0.0/8", header: "ssl-client-cert", format: "Nginx");

        var status = await CallAsync(backend, "ssl-client-cert", Uri.EscapeDataString(TestCertificates.Shared.Client.ExportCertificatePem()));

        Assert.Equal(StatusCode.OK, status);
    }

    [Fact]
    public async Task A_forwarded_header_from_an_unknown_network_is_ignored()
    {
        await using var backend = Start("10.0.0.0/8");

        var status = await CallAsync(backend, Xfcc, Envoy(TestCertificates.Shared.Client));

        Assert.Equal(StatusCode.Unauthenticated, status);
    }

    [Fact]
    public async Task A_forwarded_certificate_from_another_authority_is_refused()
    {
        await using var backend = Start("127.0.0.1/32");

        var status = await CallAsync(backend, Xfcc, Envoy(TestCertificates.Shared.RogueClient));

        Assert.Equal(StatusCode.PermissionDenied, status);
    }

    [Fact]
    public async Task A_call_without_the_header_is_unauthenticated()
    {
        await using var backend = Start("127.0.0.1/32");

        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(backend, null));
    }

    [Fact]
    public async Task A_header_with_a_second_element_appended_to_a_client_supplied_one_is_not_believed()
    {
        await using var backend = Start("127.0.0.1/32");

        var status = await CallAsync(backend, Xfcc, $"{Envoy(TestCertificates.Shared.Client)},{Envoy(TestCertificates.Shared.Client)}");

        Assert.Equal(StatusCode.Unauthenticated, status);
    }

    [Fact]
    public async Task An_element_that_repeats_its_Cert_field_is_not_believed()
    {
        await using var backend = Start("127.0.0.1/32");
        var pem = Uri.EscapeDataString(TestCertificates.Shared.Client.ExportCertificatePem());

        var status = await CallAsync(backend, Xfcc, $"Cert=\"{Uri.EscapeDataString(TestCertificates.Shared.RogueClient.ExportCertificatePem())}\";Cert=\"{pem}\"");

        Assert.Equal(StatusCode.Unauthenticated, status);
    }

    [Fact]
    public async Task Two_forwarded_certificate_headers_in_one_request_are_not_believed()
    {
        await using var backend = Start("127.0.0.0/8", header: "ssl-client-cert", format: "Nginx");
        var pem = Uri.EscapeDataString(TestCertificates.Shared.Client.ExportCertificatePem());

        var status = await CallAsync(backend, "ssl-client-cert", pem, pem);

        Assert.Equal(StatusCode.Unauthenticated, status);
    }

    [Fact]
    public async Task A_certificate_forwarded_by_a_proxy_presenting_a_certificate_of_the_proxy_authority_is_served()
    {
        using var directory = new TempDirectory();
        var proxyAuthority = await OpensslAuthority.CreateRootAsync(directory.Path, "Ingress Proxy CA");
        using var proxy = OpensslAuthority.Load(await proxyAuthority.IssueAsync("ingress-proxy"));
        await using var backend = StartBehindProxy(proxyAuthority.CertificatePath);

        Assert.Equal(StatusCode.OK, await CallAsync(backend.ClientFor(proxy), Xfcc, Envoy(TestCertificates.Shared.Client)));
    }

    [Fact]
    public async Task A_header_over_a_connection_without_a_proxy_certificate_is_ignored()
    {
        using var directory = new TempDirectory();
        var proxyAuthority = await OpensslAuthority.CreateRootAsync(directory.Path, "Ingress Proxy CA");
        await using var backend = StartBehindProxy(proxyAuthority.CertificatePath);

        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(backend.ClientFor(null), Xfcc, Envoy(TestCertificates.Shared.Client)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_proxy_certificate_from_another_authority_or_with_an_unlisted_subject_is_refused_at_the_handshake(bool listedSubjects)
    {
        using var directory = new TempDirectory();
        var proxyAuthority = await OpensslAuthority.CreateRootAsync(directory.Path, "Ingress Proxy CA");
        var otherAuthority = await OpensslAuthority.CreateRootAsync(directory.Path, "Other Proxy CA");
        using var proxy = OpensslAuthority.Load(await (listedSubjects ? proxyAuthority : otherAuthority).IssueAsync("ingress-proxy"));
        await using var backend = StartBehindProxy(proxyAuthority.CertificatePath, listedSubjects ? "CN=another-proxy" : null);

        var status = await CallAsync(backend.ClientFor(proxy), Xfcc, Envoy(TestCertificates.Shared.Client));

        Assert.True(status is StatusCode.Unavailable or StatusCode.Internal, $"{status}");
    }

    // One internal authority often issues both the proxy's and the clients' certificates: the proxy's own certificate
    // on the connection must never stand for a caller, with or without a header.
    [Fact]
    public async Task The_proxy_certificate_on_the_connection_never_stands_for_the_caller()
    {
        await using var backend = StartBehindProxy(TestCertificates.Shared.AuthorityPath);
        var proxy = backend.ClientFor(TestCertificates.Shared.Client);

        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(proxy, null));
        Assert.Equal(StatusCode.PermissionDenied, await CallAsync(proxy, Xfcc, Envoy(TestCertificates.Shared.RogueClient)));
    }

    [Fact]
    public async Task A_forwarded_identity_does_not_outlive_its_request_on_the_same_connection()
    {
        await using var backend = StartBehindProxy(TestCertificates.Shared.AuthorityPath);
        using var proxyCertificate = TestCertificates.Shared.IssueClient("CN=ingress-proxy");
        var proxy = backend.ClientFor(proxyCertificate);

        Assert.Equal(StatusCode.OK, await CallAsync(proxy, Xfcc, Envoy(TestCertificates.Shared.Client)));
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(proxy, null));
    }

    [Fact]
    public async Task An_https_grpc_endpoint_in_forwarded_mode_without_a_proxy_authority_is_refused_at_start_up()
    {
        var settings = BackendFixture.BackendSettings(fixture.Emulator.VaultUri, BackendFixture.FreePort(), BackendFixture.FreePort());
        settings["Security:Mode"] = "ForwardedClientCertificate";
        settings["Security:ForwardedCertificate:KnownNetworks:0"] = "127.0.0.1/32";
        await using var backend = new BackendFixture.BackendFactory(settings);
        backend.UseKestrel();

        var failure = Assert.ThrowsAny<OptionsValidationException>(backend.StartServer);

        Assert.Contains("with an https grpc endpoint", failure.Message, StringComparison.Ordinal);
        Assert.Contains("needs Security:ForwardedCertificate:ProxyCertificateAuthorityPath", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trusted_networks_are_logged_and_those_wider_than_one_subnet_are_warned_about()
    {
        var logs = new ErrorLogs(LogLevel.Information);
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, settings =>
        {
            settings["Kestrel:Endpoints:grpc:Url"] = settings["Kestrel:Endpoints:grpc:Url"]!.Replace("https://", "http://", StringComparison.Ordinal);
            settings["Security:Mode"] = "ForwardedClientCertificate";
            settings["Security:ForwardedCertificate:KnownNetworks:0"] = "127.0.0.1/32";
            settings["Security:ForwardedCertificate:KnownNetworks:1"] = "10.1.0.0/16";
            settings["Security:ForwardedCertificate:KnownNetworks:2"] = "fd00:1::/64";
            settings["Security:ForwardedCertificate:KnownNetworks:3"] = "fd00:2::/48";
        }, logs);

        Assert.Contains(logs.Entries, entry => entry.Contains("believed from 127.0.0.1/32, 10.1.0.0/16, fd00:1::/64, fd00:2::/48", StringComparison.Ordinal));
        var wide = logs.Entries.Where(entry => entry.Contains("is wider than a /", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, wide.Count);
        Assert.Contains(wide, entry => entry.Contains("10.1.0.0/16 is wider than a /24", StringComparison.Ordinal));
        Assert.Contains(wide, entry => entry.Contains("fd00:2::/48 is wider than a /64", StringComparison.Ordinal));
    }

    // The proxy's hop is mutual TLS on the usual https test endpoint; no known networks, so only the certificate counts.
    private SecuredBackend StartBehindProxy(string proxyAuthorityPath, string? proxySubject = null) =>
        SecuredBackend.Start(fixture.Emulator.VaultUri, settings =>
        {
            settings["Security:Mode"] = "ForwardedClientCertificate";
            settings["Security:ForwardedCertificate:ProxyCertificateAuthorityPath"] = proxyAuthorityPath;
            if (proxySubject is not null)
            {
                settings["Security:ForwardedCertificate:ProxySubjects:0"] = proxySubject;
            }
        });

    // Envoy's XFCC element as Azure Container Apps sends it: the certificate as URL-encoded PEM in Cert.
    private static string Envoy(X509Certificate2 certificate) =>
        $"Hash={certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)};Cert=\"{Uri.EscapeDataString(certificate.ExportCertificatePem())}\";Subject=\"{certificate.Subject}\"";

    private SecuredBackend Start(string knownNetwork, string header = "X-Forwarded-Client-Cert", string format = "Envoy") =>
        SecuredBackend.Start(fixture.Emulator.VaultUri, settings =>
        {
            settings["Kestrel:Endpoints:grpc:Url"] = settings["Kestrel:Endpoints:grpc:Url"]!.Replace("https://", "http://", StringComparison.Ordinal);
            settings["Security:Mode"] = "ForwardedClientCertificate";
            settings["Security:ForwardedCertificate:Header"] = header;
            settings["Security:ForwardedCertificate:Format"] = format;
            settings["Security:ForwardedCertificate:KnownNetworks:0"] = knownNetwork;
        });

    private static Task<StatusCode> CallAsync(SecuredBackend backend, string? header, params string?[] values) =>
        CallAsync(backend.ClientFor(null), header, values);

    private static async Task<StatusCode> CallAsync(SupacryptService.SupacryptServiceClient client, string? header, params string?[] values)
    {
        var headers = new Metadata();
        if (header is not null)
        {
            foreach (var value in values)
            {
                headers.Add(header.ToLowerInvariant(), value!);
            }
        }

        try
        {
            var response = await client.ListKeysAsync(new ListKeysRequest { PageSize = 1 }, headers);
            Assert.Equal(ListKeysResponse.ResultOneofCase.Success, response.ResultCase);
            return StatusCode.OK;
        }
        catch (RpcException exception)
        {
            return exception.StatusCode;
        }
    }
}
