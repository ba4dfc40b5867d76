using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Supacrypt.Tests.Infrastructure;
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

    private static async Task<StatusCode> CallAsync(SecuredBackend backend, string? header, params string?[] values)
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
            var response = await backend.ClientFor(null).ListKeysAsync(new ListKeysRequest { PageSize = 1 }, headers);
            Assert.Equal(ListKeysResponse.ResultOneofCase.Success, response.ResultCase);
            return StatusCode.OK;
        }
        catch (RpcException exception)
        {
            return exception.StatusCode;
        }
    }
}
