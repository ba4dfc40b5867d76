using System.Net;
using System.Text.Json.Nodes;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

/// <summary>Own emulator instance with no other test in its class, so that the key count is exact.</summary>
public sealed class KeyListingTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly VaultClient _vault = new(emulator.CreateClient());

    public void Dispose() => _vault.Dispose();

    [Fact]
    public async Task List_pages_30_keys_into_25_and_5_with_next_link_on_same_host()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"page-{i:D2}").ToList();
        foreach (var name in names)
        {
            await _vault.CreateKeyAsync(name, new { kty = "EC", tags = new { n = name } });
        }

        var first = await _vault.GetAsync("keys");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var items = first.Body!["value"]!.AsArray();
        Assert.Equal(25, items.Count);
        var nextLink = new Uri(first.Body!["nextLink"]!.GetValue<string>());
        Assert.Equal(emulator.VaultUri.Authority, nextLink.Authority);
        Assert.Equal("/keys", nextLink.AbsolutePath);
        Assert.Contains("api-version=7.5", nextLink.Query, StringComparison.Ordinal);
        Assert.Contains("$skiptoken=", nextLink.Query, StringComparison.Ordinal);

        var second = await _vault.SendAsync(HttpMethod.Get, nextLink.ToString(), addApiVersion: false);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        var rest = second.Body!["value"]!.AsArray();
        Assert.Equal(5, rest.Count);
        Assert.True(second.Body!["nextLink"] is null);

        var listed = items.Concat(rest).Select(i => i!["kid"]!.GetValue<string>().Split('/')[^1]).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        var item = items[0]!.AsObject();
        Assert.Equal(["kid", "attributes", "tags"], item.Select(p => p.Key));
        Assert.Equal(new Uri(emulator.VaultUri, $"keys/{listed[0]}").ToString(), item["kid"]!.GetValue<string>());
    }
}
