using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Core;
using Azure.Core.Pipeline;
using Supacrypt.Backend.KeyVault.Models;

namespace Supacrypt.Backend.KeyVault;

/// <summary>
/// A thin typed client for the Key Vault keys REST API on Azure.Core's pipeline (token, retries honouring
/// Retry-After, diagnostics). Every call is exactly one logical Key Vault operation.
/// </summary>
public sealed class KeyVaultKeyClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _vaultUri;
    private readonly string _apiVersion;

    public KeyVaultKeyClient(HttpPipeline pipeline, Uri vaultUri, string apiVersion)
    {
        _pipeline = pipeline;
        _vaultUri = new Uri(vaultUri.GetLeftPart(UriPartial.Authority));
        _apiVersion = apiVersion;
    }

    public Uri VaultUri => _vaultUri;

    /// <summary>
    /// Creates a key. Unlike every other call it is not idempotent: a retry after a timeout or a server error could
    /// add a second version, so only throttling (which Key Vault refused before doing anything) is retried, and
    /// generation (slow for RSA-4096 and HSM keys) gets <see cref="KeyCreationTimeout"/>.
    /// </summary>
    public Task<KeyBundle> CreateKeyAsync(string name, KeyCreateParameters parameters, CancellationToken cancellationToken) =>
        SendAsync(
            RequestMethod.Post,
            ["keys", name, "create"],
            Body(parameters, KeyVaultJsonContext.Default.KeyCreateParameters),
            KeyVaultJsonContext.Default.KeyBundle,
            cancellationToken,
            configure: message =>
            {
                message.ResponseClassifier = ThrottlingOnlyClassifier.Instance;
                message.NetworkTimeout = KeyCreationTimeout;
            });

    private static readonly TimeSpan KeyCreationTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Gets a key version; a null or empty version means the latest.</summary>
    public Task<KeyBundle> GetKeyAsync(string name, string? version, CancellationToken cancellationToken) =>
        SendAsync(RequestMethod.Get, ["keys", name, version ?? ""], null, KeyVaultJsonContext.Default.KeyBundle, cancellationToken);

    /// <summary>Disables one version (Key Vault cannot delete a single version): update key, attributes only.</summary>
    public Task<KeyBundle> DisableKeyVersionAsync(string name, string version, CancellationToken cancellationToken) =>
        SendAsync(
            RequestMethod.Patch,
            ["keys", name, version],
            Body(new KeyUpdateParameters { Attributes = new KeyAttributes { Enabled = false } }, KeyVaultJsonContext.Default.KeyUpdateParameters),
            KeyVaultJsonContext.Default.KeyBundle,
            cancellationToken);

    public Task<DeletedKeyBundle> DeleteKeyAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(RequestMethod.Delete, ["keys", name], null, KeyVaultJsonContext.Default.DeletedKeyBundle, cancellationToken);

    public Task<DeletedKeyBundle> GetDeletedKeyAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(RequestMethod.Get, ["deletedkeys", name], null, KeyVaultJsonContext.Default.DeletedKeyBundle, cancellationToken);

    public async Task PurgeDeletedKeyAsync(string name, CancellationToken cancellationToken) =>
        await SendAsync<KeyOperationResult>(RequestMethod.Delete, ["deletedkeys", name], null, null, cancellationToken);

    public Task<KeyOperationResult> SignAsync(string name, string version, string algorithm, byte[] digest, CancellationToken cancellationToken) =>
        OperateAsync(name, version, "sign", algorithm, digest, cancellationToken);

    public Task<KeyOperationResult> DecryptAsync(string name, string version, string algorithm, byte[] ciphertext, CancellationToken cancellationToken) =>
        OperateAsync(name, version, "decrypt", algorithm, ciphertext, cancellationToken);

    /// <summary>Gets one page of the key listing: the first page, or the page a previous page's skip token names.</summary>
    public Task<KeyListResult> ListKeysAsync(int maxResults, string? skipToken, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>> { new("maxresults", maxResults.ToString()) };
        if (!string.IsNullOrEmpty(skipToken))
        {
            query.Add(new("$skiptoken", skipToken));
        }

        return SendAsync(RequestMethod.Get, ["keys"], null, KeyVaultJsonContext.Default.KeyListResult, cancellationToken, query);
    }

    /// <summary>The first page of a key's versions (Key Vault lists at most 25 a page), for telling who won a create race.</summary>
    public Task<KeyListResult> ListKeyVersionsAsync(string name, int maxResults, CancellationToken cancellationToken) =>
        SendAsync(
            RequestMethod.Get,
            ["keys", name, "versions"],
            null,
            KeyVaultJsonContext.Default.KeyListResult,
            cancellationToken,
            [new("maxresults", maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    /// <summary>
    /// Reads the skip token out of a <c>nextLink</c>. Only links to this vault are followed, so a tampered
    /// listing or page token can never send a request (and its bearer token) to another host.
    /// </summary>
    public string? SkipTokenOf(string? nextLink)
    {
        if (string.IsNullOrEmpty(nextLink))
        {
            return null;
        }

        if (!Uri.TryCreate(nextLink, UriKind.Absolute, out var link) ||
            Uri.Compare(link, _vaultUri, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new KeyVaultException(502, "UntrustedNextLink", "Key Vault returned a nextLink that points outside the configured vault; it was not followed.");
        }

        foreach (var pair in link.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=');
            if (separator > 0 && Uri.UnescapeDataString(pair[..separator]) == "$skiptoken")
            {
                return Uri.UnescapeDataString(pair[(separator + 1)..]);
            }
        }

        return null;
    }

    private Task<KeyOperationResult> OperateAsync(string name, string version, string operation, string algorithm, byte[] value, CancellationToken cancellationToken) =>
        SendAsync(
            RequestMethod.Post,
            ["keys", name, version, operation],
            Body(new KeyOperationParameters { Algorithm = algorithm, Value = value }, KeyVaultJsonContext.Default.KeyOperationParameters),
            KeyVaultJsonContext.Default.KeyOperationResult,
            cancellationToken);

    private static RequestContent Body<T>(T value, JsonTypeInfo<T> typeInfo) =>
        RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    private async Task<T> SendAsync<T>(
        RequestMethod method,
        string[] segments,
        RequestContent? content,
        JsonTypeInfo<T>? responseType,
        CancellationToken cancellationToken,
        IEnumerable<KeyValuePair<string, string>>? query = null,
        Action<HttpMessage>? configure = null)
    {
        using var message = _pipeline.CreateMessage();
        configure?.Invoke(message);
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_vaultUri);
        foreach (var segment in segments)
        {
            request.Uri.AppendPath("/", escape: false);
            request.Uri.AppendPath(segment, escape: true);
        }

        request.Uri.AppendQuery("api-version", _apiVersion);
        foreach (var (key, value) in query ?? [])
        {
            request.Uri.AppendQuery(key, value);
        }

        request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        if (content is not null)
        {
            request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
            request.Content = content;
        }

        await _pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.IsError)
        {
            throw KeyVaultException.FromResponse(response);
        }

        if (responseType is null)
        {
            return default!;
        }

        try
        {
            return JsonSerializer.Deserialize(response.Content.ToMemory().Span, responseType)
                ?? throw new KeyVaultException(502, "InvalidResponse", "Key Vault returned an empty body.");
        }
        catch (JsonException exception)
        {
            throw new KeyVaultException(502, "InvalidResponse", $"Key Vault returned a body that is not a valid {typeof(T).Name}: {exception.Message}");
        }
    }

    private sealed class ThrottlingOnlyClassifier : ResponseClassifier
    {
        public static ThrottlingOnlyClassifier Instance { get; } = new();

        public override bool IsRetriableResponse(HttpMessage message) => message.Response.Status == 429;

        public override bool IsRetriableException(Exception exception) => false;

        public override bool IsRetriable(HttpMessage message, Exception exception) => false;
    }
}
