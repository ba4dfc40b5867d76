using System.Net;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

[Collection(EmulatorTestGroup.Name)]
public sealed class KeyVersionTests(EmulatorFixture emulator) : IDisposable
{
    private static readonly string[] DecryptEncrypt = ["decrypt", "encrypt"];
    private readonly VaultClient _vault = new(emulator.CreateClient());

    public void Dispose() => _vault.Dispose();

    [Fact]
    public async Task Get_without_version_returns_latest_and_with_version_returns_that_version()
    {
        var name = VaultClient.NewName();
        var first = (await _vault.CreateKeyAsync(name, new { kty = "EC" }))["key"]!["kid"]!.GetValue<string>();
        var second = (await _vault.CreateKeyAsync(name, new { kty = "EC" }))["key"]!["kid"]!.GetValue<string>();

        Assert.Equal(second, (await _vault.GetAsync($"keys/{name}")).Body!["key"]!["kid"]!.GetValue<string>());
        Assert.Equal(first, (await _vault.GetAsync($"keys/{name}/{first.Split('/')[^1]}")).Body!["key"]!["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_with_trailing_slash_returns_latest_like_the_js_sdk_asks()
    {
        var name = VaultClient.NewName();
        var kid = (await _vault.CreateKeyAsync(name, new { kty = "EC" }))["key"]!["kid"]!.GetValue<string>();

        var response = await _vault.GetAsync($"keys/{name}/");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(kid, response.Body!["key"]!["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_names_are_case_insensitive_and_kid_keeps_created_name()
    {
        var name = "CaseKey-" + Guid.NewGuid().ToString("N")[..8];
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        var response = await _vault.GetAsync($"keys/{name.ToUpperInvariant()}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains($"/keys/{name}/", response.Body!["key"]!["kid"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_unknown_key_is_key_not_found()
    {
        var name = VaultClient.NewName();
        var response = await _vault.GetAsync($"keys/{name}");
        response.AssertError(HttpStatusCode.NotFound, "KeyNotFound");
        Assert.StartsWith($"A key with (name/id) {name} was not found in this key vault.", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_unknown_version_is_key_not_found()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        (await _vault.GetAsync($"keys/{name}/{new string('a', 32)}")).AssertError(HttpStatusCode.NotFound, "KeyNotFound");
        (await _vault.GetAsync($"keys/{name}/not-a-version")).AssertError(HttpStatusCode.NotFound, "KeyNotFound");
    }

    [Fact]
    public async Task Update_changes_key_ops_attributes_and_tags_of_that_version_only()
    {
        var name = VaultClient.NewName();
        var first = (await _vault.CreateKeyAsync(name, new { kty = "RSA" }))["key"]!["kid"]!.GetValue<string>().Split('/')[^1];
        await _vault.CreateKeyAsync(name, new { kty = "RSA" });

        var response = await _vault.SendAsync(HttpMethod.Patch, $"keys/{name}/{first}", new
        {
            key_ops = DecryptEncrypt,
            attributes = new { enabled = false, nbf = 631180800, exp = 4102444800 },
            tags = new { stage = "test" },
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var bundle = response.Body!;
        Assert.Equal(["decrypt", "encrypt"], bundle["key"]!["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.False(bundle["attributes"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(631180800, bundle["attributes"]!["nbf"]!.GetValue<long>());
        Assert.Equal(4102444800, bundle["attributes"]!["exp"]!.GetValue<long>());
        Assert.Equal("test", bundle["tags"]!["stage"]!.GetValue<string>());
        Assert.NotNull(bundle["key"]!["n"]);

        var latest = await _vault.GetAsync($"keys/{name}");
        Assert.True(latest.Body!["attributes"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Update_without_version_changes_latest()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        var response = await _vault.SendAsync(HttpMethod.Patch, $"keys/{name}", new { tags = new { a = "b" } });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("b", (await _vault.GetAsync($"keys/{name}")).Body!["tags"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_unknown_key_is_key_not_found_and_bad_body_is_bad_parameter()
    {
        var name = VaultClient.NewName();
        (await _vault.SendAsync(HttpMethod.Patch, $"keys/{name}", new { tags = new { a = "b" } }))
            .AssertError(HttpStatusCode.NotFound, "KeyNotFound");
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        (await _vault.SendAsync(HttpMethod.Patch, $"keys/{name}", """{"key_ops":"sign"}"""))
            .AssertError(HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Concurrent_creates_of_one_name_each_add_a_version()
    {
        var name = VaultClient.NewName();
        var kids = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
            (await _vault.CreateKeyAsync(name, new { kty = "EC" }))["key"]!["kid"]!.GetValue<string>()));

        var listed = (await _vault.GetAsync($"keys/{name}/versions")).Body!["value"]!.AsArray()
            .Select(v => v!["kid"]!.GetValue<string>());
        Assert.Equal(kids.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }
}
