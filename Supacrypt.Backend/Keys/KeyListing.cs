using Microsoft.Extensions.Options;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.KeyVault.Models;

namespace Supacrypt.Backend.Keys;

public sealed record KeyPage(IReadOnlyList<KeyItem> Keys, string NextPageToken);

/// <summary>
/// ListKeys over Key Vault's listing (at most 25 items a page, no server-side filter): filters by name prefix,
/// enabled state and what the caller may see, and resumes exactly where the previous page stopped.
/// </summary>
public sealed class KeyListing(KeyVaultKeyClient client, IOptions<KeyVaultOptions> options)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    private const int VaultPageSize = 25;

    /// <param name="visible">Whether the caller may see a key name. It is applied while matching, before counting and
    /// paging, because a key dropped only afterwards would still show in short pages and in the token's offset.</param>
    public async Task<KeyPage> ListAsync(string filter, uint pageSize, string pageToken, bool includeDisabled, Func<string, bool> visible, CancellationToken cancellationToken)
    {
        if (pageSize > MaxPageSize)
        {
            throw new KeyOperationException(KeyError.InvalidRequest, $"page_size {pageSize} is too large; use 1 to {MaxPageSize} (0 means {DefaultPageSize}).");
        }

        var size = pageSize == 0 ? DefaultPageSize : (int)pageSize;
        var position = string.IsNullOrEmpty(pageToken)
            ? new ListPageToken(null, 0, filter, includeDisabled)
            : ListPageToken.Decode(pageToken, filter, includeDisabled);

        var keys = new List<KeyItem>(size);
        // Bounds the Key Vault calls one ListKeys may make when a filter matches few keys; the page then comes back short.
        var maxVaultPages = options.Value.ListKeysMaxVaultPages;
        for (var calls = 0; calls < maxVaultPages; calls++)
        {
            var page = await client.ListKeysAsync(VaultPageSize, position.SkipToken, cancellationToken);
            for (var index = position.Offset; index < page.Value.Count; index++)
            {
                if (keys.Count == size)
                {
                    return new KeyPage(keys, (position with { Offset = index }).Encode());
                }

                var item = page.Value[index];
                if (Matches(item, filter, includeDisabled, visible))
                {
                    keys.Add(item);
                }
            }

            var next = client.SkipTokenOf(page.NextLink);
            if (next is null)
            {
                return new KeyPage(keys, "");
            }

            position = position with { SkipToken = next, Offset = 0 };
        }

        return new KeyPage(keys, position.Encode());
    }

    private static bool Matches(KeyItem item, string filter, bool includeDisabled, Func<string, bool> visible)
    {
        var name = KeyIdentifier.NameOf(item.Kid) ?? "";
        return (includeDisabled || item.Attributes.Enabled != false)
            && name.StartsWith(filter, StringComparison.OrdinalIgnoreCase)
            && visible(name);
    }
}
