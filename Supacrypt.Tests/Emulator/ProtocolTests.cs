using System.Net;
using System.Net.Http.Headers;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

[Collection(EmulatorTestGroup.Name)]
public sealed class ProtocolTests(EmulatorFixture emulator) : IDisposable
{
    private readonly VaultClient _vault = new(emulator.CreateClient());

    public void Dispose() => _vault.Dispose();

    [Fact]
    public async Task Request_without_bearer_token_gets_key_vault_challenge()
    {
        using var anonymous = new VaultClient(new HttpClient { BaseAddress = emulator.VaultUri });
        var response = await anonymous.GetAsync("keys");

        response.AssertError(HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.Equal(
            "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"",
            response.Headers["WWW-Authenticate"]);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task Request_with_other_scheme_or_empty_token_is_unauthorized(string authorization)
    {
        using var http = new HttpClient { BaseAddress = emulator.VaultUri };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        using var client = new VaultClient(http);
        (await client.GetAsync("keys")).AssertError(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task Any_bearer_token_is_accepted()
    {
        using var http = new HttpClient { BaseAddress = emulator.VaultUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "anything-at-all");
        using var client = new VaultClient(http);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("keys")).Status);
    }

    [Fact]
    public async Task Request_without_api_version_is_bad_parameter()
    {
        var response = await _vault.SendAsync(HttpMethod.Get, "keys", addApiVersion: false);
        response.AssertError(HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains("api-version", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7.0")]
    [InlineData("7.4")]
    [InlineData("7.6")]
    [InlineData("7.6-preview.2")]
    [InlineData("2025-07-01")]
    public async Task Supported_api_versions_are_accepted(string version)
    {
        Assert.Equal(HttpStatusCode.OK, (await _vault.SendAsync(HttpMethod.Get, $"keys?api-version={version}", addApiVersion: false)).Status);
    }

    [Theory]
    [InlineData("6.0")]
    [InlineData("8.0")]
    [InlineData("latest")]
    [InlineData("2025-13-01")]
    public async Task Unknown_api_version_is_bad_parameter(string version)
    {
        (await _vault.SendAsync(HttpMethod.Get, $"keys?api-version={version}", addApiVersion: false))
            .AssertError(HttpStatusCode.BadRequest, "BadParameter");
    }

    [Theory]
    [InlineData("under_score")]
    [InlineData("dot.name")]
    [InlineData("%C3%A9t%C3%A9")]
    public async Task Invalid_key_name_is_bad_parameter(string name)
    {
        var response = await _vault.PostAsync($"keys/{name}/create", new { kty = "EC" });
        response.AssertError(HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains("key name", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_name_of_128_characters_is_bad_parameter_and_127_is_fine()
    {
        (await _vault.PostAsync($"keys/{new string('a', 128)}/create", new { kty = "EC" })).AssertError(HttpStatusCode.BadRequest, "BadParameter");
        await _vault.CreateKeyAsync(new string('b', 126) + Guid.NewGuid().ToString("N")[..1], new { kty = "EC" });
    }

    [Theory]
    [InlineData("{\"kty\":")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("{\"kty\":\"RSA\",\"key_size\":\"big\"}")]
    [InlineData("")]
    public async Task Malformed_json_is_bad_parameter_never_500(string body)
    {
        var response = await _vault.PostAsync($"keys/{VaultClient.NewName()}/create", body);
        response.AssertError(HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Malformed_json_on_crypto_operation_is_bad_parameter()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        (await _vault.PostAsync($"keys/{name}/sign", "{\"alg\":\"ES256\",\"value\":12}")).AssertError(HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Unknown_key_vault_path_gets_error_envelope()
    {
        (await _vault.GetAsync($"keys/a/b/c/d")).AssertError(HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Health_answers_200_without_token_or_api_version()
    {
        using var http = new HttpClient { BaseAddress = emulator.VaultUri };
        using var response = await http.GetAsync(new Uri("health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
