using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Client;

// A call that cannot reach the backend's service says why in words and names the setting that fixes it.
[Collection(BackendTests.Name)]
public sealed class ConnectionFailureTests(BackendFixture backend) : IDisposable
{
    private readonly Interop.TempDirectory _directory = new();

    [Fact]
    public async Task A_server_certificate_from_another_authority_names_the_configured_ca_and_its_setting()
    {
        var configuration = ClientHost.Consumer(backend.GrpcUri);
        var otherAuthority = _directory.File(_directory.Write("other-ca.crt", System.Text.Encoding.ASCII.GetBytes(TestCertificates.Shared.RogueClient.ExportCertificatePem())));
        configuration["Supacrypt:Client:CertificateAuthorityPath"] = otherAuthority;

        var failure = await CallFailureAsync(configuration);

        Assert.Contains($"does not chain to the configured CA {otherAuthority}", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Supacrypt:Client:CertificateAuthorityPath", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_ca_a_private_server_certificate_names_the_ca_setting()
    {
        var configuration = ClientHost.Consumer(backend.GrpcUri);
        configuration.Remove("Supacrypt:Client:CertificateAuthorityPath");

        var failure = await CallFailureAsync(configuration);

        Assert.Contains("does not chain to an authority this machine trusts", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Supacrypt:Client:CertificateAuthorityPath", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_that_speaks_only_http_1_1_is_named_as_not_the_grpc_endpoint()
    {
        var configuration = ClientHost.Consumer(backend.GrpcUri);
        configuration["Supacrypt:Client:Endpoint"] = backend.HealthUri.ToString();
        configuration.Remove("Supacrypt:Client:CertificateAuthorityPath");
        configuration.Remove("Supacrypt:Client:CertificatePath");
        configuration.Remove("Supacrypt:Client:KeyPath");

        var failure = await CallFailureAsync(configuration);

        Assert.Contains("does not speak HTTP/2", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Supacrypt:Client:Endpoint", failure.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task<RpcException> CallFailureAsync(IDictionary<string, string?> configuration)
    {
        using var host = ClientHost.Build(configuration);
        var client = host.Services.GetRequiredService<SupacryptService.SupacryptServiceClient>();
        return await Assert.ThrowsAsync<RpcException>(() =>
            client.ListKeysAsync(new ListKeysRequest { Version = 1, PageSize = 1 }, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync);
    }

    public void Dispose() => _directory.Dispose();
}
