namespace Microsoft.Extensions.Hosting;

// A container's HEALTHCHECK runs a command inside the image. The runtime images carry no shell and no curl, so the
// service's own entry point answers the probe: `dotnet Service.dll --health-probe http://127.0.0.1:8081/health`
// asks the running instance over loopback and exits 0 when it answers 2xx, 1 otherwise.
public static class HealthProbe
{
    public const string Argument = "--health-probe";

    // Below the images' HEALTHCHECK timeout (10 s), so the probe reports its own reason instead of being killed.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static bool IsRequested(string[] args) => args is [Argument, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);

        if (args is not [Argument, var address] ||
            !Uri.TryCreate(address, UriKind.Absolute, out var url) ||
            (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            await output.WriteLineAsync($"Usage: {Argument} <http(s) URL of the health endpoint>, e.g. {Argument} http://127.0.0.1:8081/health");
            return 2;
        }

        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            await output.WriteLineAsync($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{url} did not answer: {exception.Message}");
            return 1;
        }
    }
}
