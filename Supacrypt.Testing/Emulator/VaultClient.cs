using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Supacrypt.Tests.Emulator;

/// <summary>Thin test helper over the emulator's REST API: raw JSON in, status and JSON out.</summary>
public sealed class VaultClient(HttpClient http) : IDisposable
{
    public const string ApiVersion = "7.5";

    public HttpClient Http => http;

    public static string NewName(string prefix = "key") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];

    public static string WithApiVersion(string path) =>
        path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "api-version=" + ApiVersion;

    public async Task<VaultResponse> SendAsync(HttpMethod method, string path, object? body = null, bool addApiVersion = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(addApiVersion ? WithApiVersion(path) : path, UriKind.RelativeOrAbsolute));
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new VaultResponse(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), headers);
    }

    public Task<VaultResponse> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    public Task<VaultResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Creates a key and insists on 200; returns the KeyBundle.</summary>
    public async Task<JsonNode> CreateKeyAsync(string name, object parameters)
    {
        var response = await PostAsync($"keys/{name}/create", parameters);
        Assert.True(response.Status == HttpStatusCode.OK, $"create {name}: {(int)response.Status} {response.Body}");
        return response.Body!;
    }

    public void Dispose() => http.Dispose();
}

public sealed record VaultResponse(HttpStatusCode Status, JsonNode? Body, IReadOnlyDictionary<string, string> Headers)
{
    public string? ErrorCode => Body?["error"]?["code"]?.GetValue<string>();

    public string? ErrorMessage => Body?["error"]?["message"]?.GetValue<string>();

    public string? InnerErrorCode => Body?["error"]?["innererror"]?["code"]?.GetValue<string>();

    public void AssertError(HttpStatusCode status, string code)
    {
        Assert.True(Status == status, $"expected {(int)status} {code}, got {(int)Status}: {Body}");
        Assert.Equal(code, ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(ErrorMessage));
    }
}
