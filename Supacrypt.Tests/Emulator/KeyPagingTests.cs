using System.Net;
using System.Text.Json.Nodes;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

[Collection(EmulatorTestGroup.Name)]
public sealed class KeyPagingTests(EmulatorFixture emulator) : IDisposable
{
    private readonly VaultClient _vault = new(emulator.CreateClient());

    public void Dispose() => _vault.Dispose();

    [Fact]
    public async Task List_versions_pages_with_maxresults_and_returns_versioned_kids()
    {
        var name = VaultClient.NewName("versions");
        var kids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            kids.Add((await _vault.CreateKeyAsync(name, new { kty = "EC" }))["key"]!["kid"]!.GetValue<string>());
        }

        var seen = new List<string>();
        string? next = $"keys/{name}/versions?maxresults=2";
        var pages = 0;
        while (next is not null)
        {
            var page = await _vault.SendAsync(HttpMethod.Get, next, addApiVersion: pages == 0);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Body!["value"]!.AsArray().Select(i => i!["kid"]!.GetValue<string>()));
            next = page.Body!["nextLink"]?.GetValue<string>();
            pages++;
        }

        Assert.Equal(2, pages);
        Assert.Equal(kids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("26")]
    [InlineData("abc")]
    public async Task List_with_maxresults_outside_1_to_25_is_bad_parameter(string maxresults)
    {
        (await _vault.GetAsync($"keys?maxresults={maxresults}")).AssertError(HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task List_with_forged_skiptoken_is_bad_parameter()
    {
        (await _vault.GetAsync("keys?$skiptoken=not-a-token")).AssertError(HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task List_versions_of_unknown_key_is_key_not_found()
    {
        (await _vault.GetAsync($"keys/{VaultClient.NewName()}/versions")).AssertError(HttpStatusCode.NotFound, "KeyNotFound");
    }

    [Fact]
    public async Task Deleted_keys_list_pages_and_shows_recovery_fields()
    {
        var names = Enumerable.Range(0, 3).Select(i => VaultClient.NewName($"gone{i}")).ToList();
        foreach (var name in names)
        {
            await _vault.CreateKeyAsync(name, new { kty = "EC" });
            Assert.Equal(HttpStatusCode.OK, (await _vault.SendAsync(HttpMethod.Delete, $"keys/{name}")).Status);
        }

        var all = new List<JsonNode>();
        string? next = "deletedkeys?maxresults=1";
        var first = true;
        while (next is not null)
        {
            var page = await _vault.SendAsync(HttpMethod.Get, next, addApiVersion: first);
            first = false;
            all.AddRange(page.Body!["value"]!.AsArray().Select(i => i!));
            next = page.Body!["nextLink"]?.GetValue<string>();
        }

        var ours = all.Where(i => names.Contains(i["kid"]!.GetValue<string>().Split('/')[^1])).ToList();
        Assert.Equal(3, ours.Count);
        var item = ours[0];
        Assert.EndsWith("/deletedkeys/" + item["kid"]!.GetValue<string>().Split('/')[^1], item["recoveryId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(90L * 86400, item["scheduledPurgeDate"]!.GetValue<long>() - item["deletedDate"]!.GetValue<long>());
        var active = (await _vault.GetAsync("keys")).Body!["value"]!.AsArray().Select(i => i!["kid"]!.GetValue<string>().Split('/')[^1]);
        Assert.Empty(active.Intersect(names));
    }
}
