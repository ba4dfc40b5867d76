using System.Net;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Downloads one CRL from an operator's URL, bounded: at most <see cref="MaxBytes"/>, at most <see cref="Timeout"/> for
/// the whole exchange, redirects followed only on the same host (and never from https down to http). Nothing here
/// is ever aimed at a URL a caller's certificate names.
/// </summary>
internal sealed class RevocationListClient : IDisposable
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const int MaxRedirects = 5;

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = MaxBytes,
    };

    public async Task<byte[]> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            var current = url;
            for (var redirects = 0; ; redirects++)
            {
                using var response = await _http.GetAsync(current, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                if (IsRedirect(response.StatusCode))
                {
                    current = RedirectTarget(url, current, response, redirects);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new RevocationListDownloadException($"{current} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                }

                return await ReadBoundedAsync(response.Content, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RevocationListDownloadException($"no complete answer within {Timeout.TotalSeconds} s");
        }
        catch (HttpRequestException exception)
        {
            throw new RevocationListDownloadException(exception.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static Uri RedirectTarget(Uri configured, Uri current, HttpResponseMessage response, int redirects)
    {
        if (redirects >= MaxRedirects)
        {
            throw new RevocationListDownloadException($"more than {MaxRedirects} redirects");
        }

        if (response.Headers.Location is not { } location)
        {
            throw new RevocationListDownloadException($"{current} redirected without a Location");
        }

        var target = new Uri(current, location);
        if (!string.Equals(target.Host, configured.Host, StringComparison.OrdinalIgnoreCase))
        {
            throw new RevocationListDownloadException($"{current} redirected to another host ({target.Host}), which is not followed");
        }

        if (configured.Scheme == Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttps)
        {
            throw new RevocationListDownloadException($"{current} redirected from https to {target.Scheme}, which is not followed");
        }

        return target;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBytes)
        {
            throw new RevocationListDownloadException($"the answer announces {content.Headers.ContentLength} bytes, more than the {MaxBytes} a CRL may have");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new RevocationListDownloadException($"the answer is longer than the {MaxBytes} bytes a CRL may have");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>A CRL URL gave no usable answer; the message says why, for the log.</summary>
internal sealed class RevocationListDownloadException(string message) : Exception(message);
