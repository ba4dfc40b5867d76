using System.Globalization;
using System.Text;
using Supacrypt.KeyVaultEmulator.Json;

namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>
/// Key Vault paging: at most 25 items a page (<c>maxresults</c> 1–25), and a <c>nextLink</c> with an opaque
/// <c>$skiptoken</c> on the same host while more items remain.
/// </summary>
public static class Paging
{
    public const int MaxPageSize = 25;
    private const string TokenPrefix = "skip:";

    public static PageModel<TItem> Page<TSource, TItem>(HttpRequest request, IReadOnlyList<TSource> items, Func<TSource, TItem> map)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(map);
        var size = PageSize(request);
        var offset = Offset(request);
        var page = items.Skip(offset).Take(size).Select(map).ToList();
        var next = offset + size;
        return new PageModel<TItem>
        {
            Value = page,
            NextLink = next < items.Count ? NextLink(request, next, size) : null,
        };
    }

    private static int PageSize(HttpRequest request)
    {
        var raw = request.Query["maxresults"].ToString();
        if (raw.Length == 0)
        {
            return MaxPageSize;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxPageSize
            ? size
            : throw KeyVaultErrors.BadParameter($"The 'maxresults' value '{raw}' is invalid; it must be an integer from 1 to {MaxPageSize}.");
    }

    private static int Offset(HttpRequest request)
    {
        var token = request.Query["$skiptoken"].ToString();
        if (token.Length == 0)
        {
            return 0;
        }

        if (Base64Url.TryDecode(token, out var bytes)
            && Encoding.UTF8.GetString(bytes) is var text
            && text.StartsWith(TokenPrefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return offset;
        }

        throw KeyVaultErrors.BadParameter("The '$skiptoken' value is invalid; use the nextLink from the previous page.");
    }

    private static string NextLink(HttpRequest request, int offset, int size)
    {
        var token = Base64Url.Encode(Encoding.UTF8.GetBytes(TokenPrefix + offset.ToString(CultureInfo.InvariantCulture)));
        var apiVersion = Uri.EscapeDataString(request.Query["api-version"].ToString());
        return $"{VaultUrls.BaseUrl(request)}{request.PathBase}{request.Path}?api-version={apiVersion}" +
            $"&$skiptoken={token}&maxresults={size.ToString(CultureInfo.InvariantCulture)}";
    }
}
