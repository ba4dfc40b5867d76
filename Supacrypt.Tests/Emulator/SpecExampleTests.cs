using System.Net;
using System.Text.Json.Nodes;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

/// <summary>
/// Replays requests from the examples of Azure/azure-rest-api-specs (Microsoft.KeyVault stable 7.5 and 7.6,
/// data-plane keys) and checks the response has the example's shape: the same members, types and rules.
/// </summary>
[Collection(EmulatorTestGroup.Name)]
public sealed class SpecExampleTests(EmulatorFixture emulator) : IDisposable
{
    private static readonly string[] AllRsaOperations = ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"];
    private static readonly string[] DecryptEncrypt = ["decrypt", "encrypt"];
    private readonly VaultClient _vault = new(emulator.CreateClient());

    public void Dispose() => _vault.Dispose();

    private static Dictionary<string, string> ExampleTags(string testName) => new() { ["purpose"] = "unit test", ["test name "] = testName };

    /// <summary>CreateKey-example.json (7.5).</summary>
    [Fact]
    public async Task CreateKey_example_returns_key_bundle_shape()
    {
        var name = "CreateSoftKeyTest" + Guid.NewGuid().ToString("N")[..6];
        var response = await _vault.PostAsync($"keys/{name}/create", new
        {
            kty = "RSA", key_size = 2048, key_ops = AllRsaOperations, attributes = new { }, tags = ExampleTags("CreateGetDeleteKeyTest"),
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var body = response.Body!.AsObject();
        Assert.Equal(["key", "attributes", "tags"], body.Select(p => p.Key));
        Assert.Equal(["kid", "kty", "key_ops", "n", "e"], body["key"]!.AsObject().Select(p => p.Key));
        Assert.Equal(AllRsaOperations, body["key"]!["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal("AQAB", body["key"]!["e"]!.GetValue<string>());
        Assert.Equal(342, body["key"]!["n"]!.GetValue<string>().Length);
        var attributes = body["attributes"]!.AsObject();
        Assert.True(attributes["enabled"]!.GetValue<bool>());
        Assert.Equal(attributes["created"]!.GetValue<long>(), attributes["updated"]!.GetValue<long>());
        Assert.Equal("Recoverable+Purgeable", attributes["recoveryLevel"]!.GetValue<string>());
        Assert.Equal("CreateGetDeleteKeyTest", body["tags"]!["test name "]!.GetValue<string>());
    }

    /// <summary>UpdateKey-example.json (7.5, 7.6).</summary>
    [Fact]
    public async Task UpdateKey_example_sets_key_ops_and_attributes()
    {
        var name = "UpdateKeyAttributesTest" + Guid.NewGuid().ToString("N")[..6];
        var version = (await _vault.CreateKeyAsync(name, new { kty = "RSA" }))["key"]!["kid"]!.GetValue<string>().Split('/')[^1];

        var response = await _vault.SendAsync(HttpMethod.Patch, $"keys/{name}/{version}", new
        {
            key_ops = DecryptEncrypt, attributes = new { enabled = false, nbf = 631180800, exp = 662716800 },
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var body = response.Body!;
        Assert.EndsWith($"/keys/{name}/{version}", body["key"]!["kid"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(DecryptEncrypt, body["key"]!["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
        var attributes = body["attributes"]!;
        Assert.False(attributes["enabled"]!.GetValue<bool>());
        Assert.Equal(631180800, attributes["nbf"]!.GetValue<long>());
        Assert.Equal(662716800, attributes["exp"]!.GetValue<long>());
        Assert.True(attributes["updated"]!.GetValue<long>() >= attributes["created"]!.GetValue<long>());
    }

    /// <summary>DeleteKey-example.json and RecoverDeletedKey-example.json (7.5).</summary>
    [Fact]
    public async Task DeleteKey_and_RecoverDeletedKey_examples_return_their_shapes()
    {
        var name = "CreateDeleteRecoverPurgeTest" + Guid.NewGuid().ToString("N")[..6];
        await _vault.CreateKeyAsync(name, new { kty = "RSA", tags = ExampleTags("CreateDeleteRecoverPurgeTest") });

        var deleted = (await _vault.SendAsync(HttpMethod.Delete, $"keys/{name}")).Body!.AsObject();
        string[] members = ["recoveryId", "deletedDate", "scheduledPurgeDate", "key", "attributes", "tags"];
        Assert.Equal(members.Order(StringComparer.Ordinal), deleted.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(new Uri(emulator.VaultUri, $"deletedkeys/{name}").ToString(), deleted["recoveryId"]!.GetValue<string>());
        Assert.Equal(7776000, deleted["scheduledPurgeDate"]!.GetValue<long>() - deleted["deletedDate"]!.GetValue<long>());

        var recovered = (await _vault.PostAsync($"deletedkeys/{name}/recover", "")).Body!.AsObject();
        Assert.Equal(["key", "attributes", "tags"], recovered.Select(p => p.Key));
        Assert.Equal(deleted["key"]!["kid"]!.GetValue<string>(), recovered["key"]!["kid"]!.GetValue<string>());
        Assert.Equal("CreateDeleteRecoverPurgeTest", recovered["tags"]!["test name "]!.GetValue<string>());
    }

    /// <summary>GetKeys-example.json and GetKeyVersions-example.json (maxresults=1).</summary>
    [Fact]
    public async Task GetKeys_and_GetKeyVersions_examples_page_by_one_with_next_link()
    {
        var name = "listkeyversionstest" + Guid.NewGuid().ToString("N")[..6];
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        await _vault.CreateKeyAsync(name, new { kty = "EC" });

        foreach (var path in new[] { "keys?maxresults=1", $"keys/{name}/versions?maxresults=1" })
        {
            var page = (await _vault.GetAsync(path)).Body!.AsObject();
            Assert.Equal(["value", "nextLink"], page.Select(p => p.Key));
            var item = page["value"]!.AsArray().Single()!.AsObject();
            Assert.Equal("kid", item.First().Key);
            Assert.Equal("Recoverable+Purgeable", item["attributes"]!["recoveryLevel"]!.GetValue<string>());
            var next = page["nextLink"]!.GetValue<string>();
            Assert.Matches(@"\?api-version=7\.5&\$skiptoken=[A-Za-z0-9_-]+&maxresults=1$", next);
        }

        var versions = (await _vault.GetAsync($"keys/{name}/versions")).Body!["value"]!.AsArray();
        Assert.All(versions, v => Assert.Matches($"/keys/{name}/[0-9a-f]{{32}}$", v!["kid"]!.GetValue<string>()));
    }

    /// <summary>encrypt-example.json (7.5) and sign-example.json (7.6): same inputs, result {kid, value}.</summary>
    [Fact]
    public async Task Encrypt_and_sign_examples_return_kid_and_value()
    {
        var name = "sdktestkey" + Guid.NewGuid().ToString("N")[..6];
        var version = (await _vault.CreateKeyAsync(name, new { kty = "RSA" }))["key"]!["kid"]!.GetValue<string>().Split('/')[^1];

        var encrypted = (await _vault.PostAsync($"keys/{name}/{version}/encrypt", new { alg = "RSA1_5", value = "5ka5IVsnGrzufA" })).Body!;
        AssertOperationResult(encrypted, name, version);

        var signed = (await _vault.PostAsync($"keys/{name}/{version}/sign", new
        {
            alg = "RS512", value = "RUE3Nzg4NTQ4QjQ5RjFFN0U2NzAyQzhDNEMwMkJDOTA1MTYyOTUzNjI5NDhBNzZDQTlFOTM1NDA2M0ZGMjk2Mg",
        })).Body!;
        AssertOperationResult(signed, name, version);
    }

    private static void AssertOperationResult(JsonNode body, string name, string version)
    {
        Assert.Equal(["kid", "value"], body.AsObject().Select(p => p.Key));
        Assert.EndsWith($"/keys/{name}/{version}", body["kid"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(342, body["value"]!.GetValue<string>().Length);
        Assert.DoesNotContain('=', body["value"]!.GetValue<string>());
    }
}
