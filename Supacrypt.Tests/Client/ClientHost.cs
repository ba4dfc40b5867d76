using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Supacrypt.Client.Hosting;
using Supacrypt.Tests.Cli;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Client;

/// <summary>A host that registers <c>AddSupacryptClient("backend")</c> over the given configuration, as an Aspire consumer would.</summary>
public static class ClientHost
{
    /// <summary>Service discovery as Aspire hands it to a consumer (grpc over mutual TLS plus the HTTP/1.1 health endpoint) and the test client's identity.</summary>
    public static Dictionary<string, string?> Consumer(Uri grpcEndpoint) => new()
    {
        ["services:backend:grpc:0"] = grpcEndpoint.ToString(),
        ["services:backend:http:0"] = $"http://127.0.0.1:{BackendFixture.FreePort()}",
        ["Supacrypt:Client:CertificateAuthorityPath"] = TestCertificates.Shared.AuthorityPath,
        ["Supacrypt:Client:CertificatePath"] = CliConnection.CertificatePath,
        ["Supacrypt:Client:KeyPath"] = CliConnection.KeyPath,
    };

    public static IHost Build(IDictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddSupacryptClient("backend");
        return builder.Build();
    }
}
