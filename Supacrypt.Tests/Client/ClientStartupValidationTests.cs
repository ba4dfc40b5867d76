using Microsoft.Extensions.Options;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Client;

// AddSupacryptClient checks its connection when the host starts; each failure names the Supacrypt:Client setting and
// the environment variable that sets it, instead of a first call failing with a transport error.
public sealed class ClientStartupValidationTests : IDisposable
{
    private readonly Interop.TempDirectory _directory = new();
    private readonly Uri _tlsBackend = new($"https://127.0.0.1:{BackendFixture.FreePort()}");

    [Fact]
    public async Task An_https_grpc_endpoint_without_a_client_certificate_stops_start_up()
    {
        var configuration = ClientHost.Consumer(_tlsBackend);
        configuration.Remove("Supacrypt:Client:CertificatePath");
        configuration.Remove("Supacrypt:Client:KeyPath");

        var message = await StartFailureAsync(configuration);

        Assert.Contains("Supacrypt:Client:CertificatePath", message, StringComparison.Ordinal);
        Assert.Contains("Supacrypt__Client__CertificatePath", message, StringComparison.Ordinal);
        Assert.Contains("https://_grpc.backend", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_file_that_does_not_exist_stops_start_up()
    {
        var configuration = ClientHost.Consumer(_tlsBackend);
        configuration["Supacrypt:Client:CertificatePath"] = _directory.File("missing.crt");

        var message = await StartFailureAsync(configuration);

        Assert.Contains("Supacrypt:Client:CertificatePath", message, StringComparison.Ordinal);
        Assert.Contains("missing.crt does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_without_its_private_key_stops_start_up()
    {
        var configuration = ClientHost.Consumer(_tlsBackend);
        configuration["Supacrypt:Client:CertificatePath"] = _directory.File(_directory.Write("only.crt", System.Text.Encoding.ASCII.GetBytes(TestCertificates.Shared.Client.ExportCertificatePem())));
        configuration.Remove("Supacrypt:Client:KeyPath");

        var message = await StartFailureAsync(configuration);

        Assert.Contains("no private key", message, StringComparison.Ordinal);
        Assert.Contains("Supacrypt:Client:KeyPath", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authority_file_that_does_not_parse_stops_start_up()
    {
        var configuration = ClientHost.Consumer(_tlsBackend);
        configuration["Supacrypt:Client:CertificateAuthorityPath"] = _directory.File(_directory.Write("ca.crt", "not a certificate"u8.ToArray()));

        var message = await StartFailureAsync(configuration);

        Assert.Contains("Supacrypt:Client:CertificateAuthorityPath", message, StringComparison.Ordinal);
        Assert.Contains("Supacrypt__Client__CertificateAuthorityPath", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_complete_configuration_starts()
    {
        using var host = ClientHost.Build(ClientHost.Consumer(_tlsBackend));

        await host.StartAsync();
        await host.StopAsync();
    }

    private static async Task<string> StartFailureAsync(IDictionary<string, string?> configuration)
    {
        using var host = ClientHost.Build(configuration);
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        return failure.Message;
    }

    public void Dispose() => _directory.Dispose();
}
