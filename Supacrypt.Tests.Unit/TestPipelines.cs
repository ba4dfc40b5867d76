using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Supacrypt.Tests.Unit;

/// <summary>Azure.Core pipelines for a <c>KeyVaultKeyClient</c> under test.</summary>
internal static class TestPipelines
{
    public static HttpPipeline Build(HttpPipelinePolicy? policy = null, HttpMessageHandler? handler = null, int maxRetries = 0)
    {
        var options = new TestClientOptions();
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        if (handler is not null)
        {
            options.Transport = new HttpClientTransport(new HttpClient(handler));
        }

        return HttpPipelineBuilder.Build(options, [], policy is null ? [] : [policy], new ResponseClassifier());
    }

    private sealed class TestClientOptions : ClientOptions;
}

/// <summary>Answers every request with one canned response and remembers the requests.</summary>
internal sealed class CannedHandler(HttpStatusCode status, string body, string contentType = "application/json", Action<HttpResponseMessage>? configure = null)
    : HttpMessageHandler
{
    public List<Uri> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request.RequestUri!);
        }

        var response = new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, contentType) };
        configure?.Invoke(response);
        return Task.FromResult(response);
    }
}
