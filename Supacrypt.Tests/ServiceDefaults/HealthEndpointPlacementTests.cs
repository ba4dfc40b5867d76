using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.ServiceDefaults;

// The service defaults on a real Kestrel with two endpoints, as the backend has them, in a Production environment:
// probes must exist there too, and only on the endpoint named "http".
public sealed class HealthEndpointPlacementTests : IAsyncLifetime
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("supacrypt-defaults-");
    private WebApplication? _app;
    private Uri _healthEndpoint = null!;
    private Uri _otherEndpoint = null!;

    public async Task InitializeAsync()
    {
        var healthPort = LoopbackPorts.Next();
        var otherPort = LoopbackPorts.Next();
        _healthEndpoint = new Uri($"http://127.0.0.1:{healthPort}");
        _otherEndpoint = new Uri($"http://127.0.0.1:{otherPort}");

        // An empty content root: no appsettings.json from the test output sneaks in.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = _contentRoot.FullName,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:http:Url"] = _healthEndpoint.ToString(),
            ["Kestrel:Endpoints:http:Protocols"] = "Http1",
            ["Kestrel:Endpoints:api:Url"] = _otherEndpoint.ToString(),
            ["Kestrel:Endpoints:api:Protocols"] = "Http1",
        });
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("dependency", () => HealthCheckResult.Unhealthy("down"), ["ready"]);

        _app = builder.Build();
        _app.MapDefaultEndpoints();
        using var timeout = new CancellationTokenSource(CallTimeout);
        await _app.StartAsync(timeout.Token);
    }

    [Fact]
    public async Task Liveness_answers_on_the_http_endpoint_and_ignores_checks_not_tagged_live()
    {
        using var response = await GetAsync(new Uri(_healthEndpoint, "/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_answers_on_the_http_endpoint_and_runs_every_check()
    {
        using var response = await GetAsync(new Uri(_healthEndpoint, "/health/ready"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Probes_are_not_served_on_any_other_endpoint(string path)
    {
        using var response = await GetAsync(new Uri(_otherEndpoint, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _contentRoot.Delete(recursive: true);
    }

    private static async Task<HttpResponseMessage> GetAsync(Uri uri)
    {
        using var client = new HttpClient { Timeout = CallTimeout };
        return await client.GetAsync(uri);
    }
}
