using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Security;

/// <summary>
/// An operator's CRL distribution point on real Kestrel (loopback, http): serves the files of one folder as they are
/// now, a path that redirects to another host name for the same server (<c>localhost</c>), and an oversized answer.
/// </summary>
public sealed class CrlPublisher : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CrlPublisher(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The URL of a file in the folder.</summary>
    public string UrlOf(string file) => $"http://127.0.0.1:{Port}/crl/{file}";

    public string HugeUrl => $"http://127.0.0.1:{Port}/huge";

    /// <summary>A URL that answers 302 to the same file on <c>localhost</c>: another host name.</summary>
    public string RedirectingUrlOf(string file) => $"http://127.0.0.1:{Port}/elsewhere/{file}";

    public static async Task<CrlPublisher> StartAsync(string folder)
    {
        var port = BackendFixture.FreePort();
        // Its content root is the CRL folder: the test's own directory holds a service's appsettings.json, whose
        // Kestrel endpoints would replace the URL below.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/crl/{file}", (string file) =>
        {
            var path = Path.Combine(folder, Path.GetFileName(file));
            return File.Exists(path) ? Results.Bytes(File.ReadAllBytes(path), "application/pkix-crl") : Results.NotFound();
        });
        app.MapGet("/elsewhere/{file}", (string file) => Results.Redirect($"http://localhost:{port}/crl/{file}"));
        app.MapGet("/huge", () => Results.Bytes(new byte[11 * 1024 * 1024], "application/pkix-crl"));
        await app.StartAsync();
        return new CrlPublisher(app, port);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
