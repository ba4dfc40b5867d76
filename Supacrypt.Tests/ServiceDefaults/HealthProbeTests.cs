using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Supacrypt.Tests.ServiceDefaults;

// The command an image's HEALTHCHECK runs (`dotnet Service.dll --health-probe URL`), against a real Kestrel.
public sealed class HealthProbeTests : IAsyncLifetime
{
    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("supacrypt-probe-");
    private WebApplication? _app;
    private Uri _server = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _contentRoot.FullName });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/health", () => Results.Text("Healthy"));
        _app.MapGet("/sick", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        await _app.StartAsync();
        _server = new Uri(_app.Urls.Single());
    }

    [Fact]
    public async Task A_healthy_answer_exits_zero()
    {
        var (exitCode, output) = await ProbeAsync(HealthProbe.Argument, new Uri(_server, "/health").ToString());

        Assert.Equal(0, exitCode);
        Assert.Contains("answered 200", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unhealthy_answer_exits_one()
    {
        var (exitCode, output) = await ProbeAsync(HealthProbe.Argument, new Uri(_server, "/sick").ToString());

        Assert.Equal(1, exitCode);
        Assert.Contains("answered 503", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_listener_exits_one_with_the_reason()
    {
        var stopped = new Uri(_server, "/health");
        await _app!.StopAsync();

        var (exitCode, output) = await ProbeAsync(HealthProbe.Argument, stopped.ToString());

        Assert.Equal(1, exitCode);
        Assert.Contains("did not answer", output, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> MalformedArguments() => new(
        ["--health-probe"],
        ["--health-probe", "not a url"],
        ["--health-probe", "file:///etc/passwd"],
        ["--health-probe", "http://127.0.0.1:1/health", "extra"]);

    [Theory]
    [MemberData(nameof(MalformedArguments))]
    public async Task Malformed_arguments_exit_two_with_the_usage(string[] arguments)
    {
        var (exitCode, output) = await ProbeAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Usage: --health-probe", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_probe_argument_in_first_place_selects_the_probe()
    {
        Assert.True(HealthProbe.IsRequested(["--health-probe", "http://127.0.0.1:8081/health"]));
        Assert.False(HealthProbe.IsRequested([]));
        Assert.False(HealthProbe.IsRequested(["--urls", "--health-probe"]));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _contentRoot.Delete(recursive: true);
    }

    private static async Task<(int ExitCode, string Output)> ProbeAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        var exitCode = await HealthProbe.RunAsync(arguments, output);
        return (exitCode, output.ToString());
    }
}
