using System.Net;
using Supacrypt.Backend.KeyVault;

namespace Supacrypt.Tests.Unit;

public sealed class KeyVaultKeyClientUrlTests
{
    private static readonly KeyVaultKeyClient Client = new(TestPipelines.Build(), new Uri("https://myvault.vault.azure.net/some/path?x=1"), "7.5");
    private static readonly KeyVaultKeyClient LoopbackClient = new(TestPipelines.Build(), new Uri("http://127.0.0.1:5123/"), "7.5");

    [Fact]
    public void The_vault_uri_is_reduced_to_scheme_host_and_port() =>
        Assert.Equal(new Uri("https://myvault.vault.azure.net/"), Client.VaultUri);

    [Theory]
    [InlineData("https://myvault.vault.azure.net/keys?api-version=7.5&$skiptoken=abc&maxresults=25", "abc")]
    [InlineData("https://myvault.vault.azure.net/keys?$skiptoken=abc", "abc")]
    [InlineData("https://MYVAULT.vault.azure.net:443/keys?api-version=7.5&%24skiptoken=a%2Bb%2Fc%3D%3D&maxresults=25", "a+b/c==")]
    [InlineData("https://myvault.vault.azure.net/keys?api-version=7.5&$skiptoken=2!88!MDAwMDI4IWtleS9rLTEhMDAwMDI4ITk5OTktMTItMzFUMjM6NTk6NTkuOTk5OTk5OVoh", "2!88!MDAwMDI4IWtleS9rLTEhMDAwMDI4ITk5OTktMTItMzFUMjM6NTk6NTkuOTk5OTk5OVoh")]
    [InlineData("https://myvault.vault.azure.net/keys?$skiptoken=with%20space%26and", "with space&and")]
    public void The_skip_token_of_the_vaults_own_next_link_is_extracted(string nextLink, string expected) =>
        Assert.Equal(expected, Client.SkipTokenOf(nextLink));

    [Fact]
    public void A_loopback_vault_follows_its_own_port_only()
    {
        Assert.Equal("t", LoopbackClient.SkipTokenOf("http://127.0.0.1:5123/keys?$skiptoken=t"));
        AssertUntrusted(LoopbackClient, "http://127.0.0.1:5124/keys?$skiptoken=t");
        AssertUntrusted(LoopbackClient, "https://127.0.0.1:5123/keys?$skiptoken=t");
        AssertUntrusted(LoopbackClient, "http://localhost:5123/keys?$skiptoken=t");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://myvault.vault.azure.net/keys?api-version=7.5&maxresults=25")]
    [InlineData("https://myvault.vault.azure.net/keys")]
    [InlineData("https://myvault.vault.azure.net/keys?skiptoken=abc")]
    public void No_next_link_or_no_skip_token_ends_the_listing(string? nextLink) =>
        Assert.Null(Client.SkipTokenOf(nextLink));

    [Theory]
    [InlineData("https://evil.example.com/keys?$skiptoken=abc")]
    [InlineData("https://myvault.vault.azure.net.evil.example.com/keys?$skiptoken=abc")]
    [InlineData("https://othervault.vault.azure.net/keys?$skiptoken=abc")]
    [InlineData("http://myvault.vault.azure.net/keys?$skiptoken=abc")]
    [InlineData("https://myvault.vault.azure.net:8443/keys?$skiptoken=abc")]
    [InlineData("/keys?$skiptoken=abc")]
    [InlineData("keys?$skiptoken=abc")]
    [InlineData("not a link")]
    public void A_next_link_outside_the_vault_is_refused(string nextLink) =>
        AssertUntrusted(Client, nextLink);

    [Fact]
    public async Task A_key_vault_error_body_gives_status_code_message_and_inner_code()
    {
        using var handler = new CannedHandler(HttpStatusCode.Forbidden,
            """{"error":{"code":"Forbidden","message":"Caller is not authorized to perform action on resource.","innererror":{"code":"ForbiddenByRbac"}}}""");
        var client = new KeyVaultKeyClient(TestPipelines.Build(handler: handler), new Uri("https://myvault.vault.azure.net/"), "7.5");

        var exception = await Assert.ThrowsAsync<KeyVaultException>(() => client.GetKeyAsync("k", null, CancellationToken.None));

        Assert.Equal(403, exception.Status);
        Assert.Equal("Forbidden", exception.ErrorCode);
        Assert.Equal("ForbiddenByRbac", exception.InnerErrorCode);
        Assert.Equal("Caller is not authorized to perform action on resource.", exception.Message);
        Assert.Null(exception.RetryAfter);
    }

    [Fact]
    public async Task A_throttled_answer_carries_its_retry_after()
    {
        using var handler = new CannedHandler((HttpStatusCode)429, """{"error":{"code":"Throttled","message":"Too many requests."}}""",
            configure: response => response.Headers.Add("Retry-After", "7"));
        var client = new KeyVaultKeyClient(TestPipelines.Build(handler: handler), new Uri("https://myvault.vault.azure.net/"), "7.5");

        var exception = await Assert.ThrowsAsync<KeyVaultException>(() => client.SignAsync("k", "v", "RS256", new byte[32], CancellationToken.None));

        Assert.Equal(429, exception.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), exception.RetryAfter);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "text/html")]
    [InlineData("", "application/json")]
    [InlineData("{\"error\":", "application/json")]
    [InlineData("{\"error\":{\"code\":\"X\",\"message\":\"  \"}}", "application/json")]
    public async Task An_error_without_a_usable_body_is_still_described_by_its_status(string body, string contentType)
    {
        using var handler = new CannedHandler(HttpStatusCode.BadGateway, body, contentType);
        var client = new KeyVaultKeyClient(TestPipelines.Build(handler: handler), new Uri("https://myvault.vault.azure.net/"), "7.5");

        var exception = await Assert.ThrowsAsync<KeyVaultException>(() => client.GetKeyAsync("k", null, CancellationToken.None));

        Assert.Equal(502, exception.Status);
        Assert.Contains("502", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("{\"key\":{\"n\":\"!!not base64url!!\"}}")]
    public async Task A_success_body_that_is_not_a_key_bundle_is_an_invalid_response(string body)
    {
        using var handler = new CannedHandler(HttpStatusCode.OK, body);
        var client = new KeyVaultKeyClient(TestPipelines.Build(handler: handler), new Uri("https://myvault.vault.azure.net/"), "7.5");

        var exception = await Assert.ThrowsAsync<KeyVaultException>(() => client.GetKeyAsync("k", null, CancellationToken.None));

        Assert.Equal(502, exception.Status);
        Assert.Equal("InvalidResponse", exception.ErrorCode);
    }

    [Fact]
    public async Task Requests_go_to_the_vault_with_the_api_version_and_an_escaped_name()
    {
        using var handler = new CannedHandler(HttpStatusCode.OK, """{"value":[],"nextLink":null}""");
        var client = new KeyVaultKeyClient(TestPipelines.Build(handler: handler), new Uri("https://myvault.vault.azure.net/"), "7.6");

        await client.ListKeysAsync(25, "a+b/c", CancellationToken.None);
        await client.GetKeyAsync("we?rd/name", "0123", CancellationToken.None);

        Assert.Equal("https://myvault.vault.azure.net/keys?api-version=7.6&maxresults=25&$skiptoken=a%2Bb%2Fc", handler.Requests[0].AbsoluteUri);
        Assert.StartsWith("https://myvault.vault.azure.net/keys/we%3Frd%2Fname/0123?api-version=7.6", handler.Requests[1].OriginalString, StringComparison.Ordinal);
    }

    private static void AssertUntrusted(KeyVaultKeyClient client, string nextLink)
    {
        var exception = Assert.Throws<KeyVaultException>(() => client.SkipTokenOf(nextLink));
        Assert.Equal(502, exception.Status);
        Assert.Equal("UntrustedNextLink", exception.ErrorCode);
    }
}
