using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Supacrypt.Tests.Aspire;

[Collection(SharedSupacryptApp.Name)]
public sealed class HealthEndpointTests(SupacryptAppFixture fixture)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Health_endpoint_answers_200_Healthy_over_http1_on_the_http_endpoint(string path)
    {
        using var timeout = new CancellationTokenSource(SupacryptAppFixture.CallTimeout);
        using var client = fixture.CreateHealthClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(1, 1), response.Version);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(timeout.Token));
    }

    [Fact]
    public async Task The_grpc_endpoint_does_not_serve_health_probes()
    {
        using var timeout = new CancellationTokenSource(SupacryptAppFixture.CallTimeout);
        // The grpc endpoint speaks HTTP/2 only, over mutual TLS when the AppHost runs it (a certificate is optional at the handshake).
        using var client = new HttpClient(SupacryptAppFixture.CreateTlsHandler(null, null))
        {
            BaseAddress = fixture.App.GetEndpoint(SupacryptAppFixture.Backend, SupacryptAppFixture.GrpcEndpoint),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
