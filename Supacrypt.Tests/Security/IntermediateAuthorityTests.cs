using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Supacrypt.Backend.Security;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.Tests.Interop;
using Supacrypt.V1;

namespace Supacrypt.Tests.Security;

// The CA bundle holds only the root; the client's certificate comes from an intermediate it presents at the handshake.
// Every call is judged again, so that judgement must see the intermediates the handshake saw.
[Collection(BackendTests.Name)]
public sealed class IntermediateAuthorityTests(BackendFixture fixture) : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_client_of_an_intermediate_it_presents_stays_served_on_its_connection_after_the_trust_files_change()
    {
        var root = await OpensslAuthority.CreateRootAsync(_directory.Path, "Operator Root CA");
        var intermediate = await root.IssueAuthorityAsync("Operator Issuing CA");
        await root.PublishRevocationListAsync();
        await intermediate.PublishRevocationListAsync();
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, settings =>
        {
            settings["Security:ClientCertificateAuthorityPath"] = root.CertificatePath;
            settings["Security:RevocationMode"] = "Crl";
            settings["Security:CertificateRevocationListPaths:0"] = root.RevocationListPath;
            settings["Security:CertificateRevocationListPaths:1"] = intermediate.RevocationListPath;
            settings["Security:FileCheckInterval"] = "00:00:00.100";
            settings["Security:Authorization:Clients:0:Subject"] = "CN=operator-client";
        });
        using var certificate = OpensslAuthority.Load(await intermediate.IssueAsync("operator-client"));
        using var issuing = X509CertificateLoader.LoadCertificateFromFile(intermediate.CertificatePath);
        var client = backend.ClientFor(certificate, [issuing]);
        Assert.Equal(StatusCode.OK, await ListAsync(client));

        var files = backend.Services.GetRequiredService<SecurityFiles>();
        var before = files.Current;
        await root.PublishRevocationListAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(!ReferenceEquals(files.Current, before)), "Reading the new CRL");

        Assert.Equal(StatusCode.OK, await ListAsync(client));
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<StatusCode> ListAsync(SupacryptService.SupacryptServiceClient client)
    {
        try
        {
            var response = await client.ListKeysAsync(new ListKeysRequest { PageSize = 1 }, deadline: DateTime.UtcNow.AddMinutes(1));
            return response.ResultCase == ListKeysResponse.ResultOneofCase.Success ? StatusCode.OK : StatusCode.Unknown;
        }
        catch (RpcException exception)
        {
            return exception.StatusCode;
        }
    }
}
