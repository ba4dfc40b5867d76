using Azure.Core;

namespace Supacrypt.Backend.Telemetry;

/// <summary>
/// Names the Key Vault keys operation a request performs from its method and path (the names the REST API
/// reference uses, lower case), so that metrics never carry a key name or version.
/// </summary>
internal static class KeyVaultOperationName
{
    private static readonly HashSet<string> KeyActions = new(StringComparer.OrdinalIgnoreCase)
    {
        "sign", "verify", "encrypt", "decrypt", "wrapkey", "unwrapkey", "backup", "rotate", "release",
    };

    public static string Of(Request request)
    {
        var segments = request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = request.Method;
        return segments switch
        {
            ["keys"] when method == RequestMethod.Get => "list",
            ["keys", "restore"] when method == RequestMethod.Post => "restore",
            ["keys", _] when method == RequestMethod.Put => "import",
            ["keys", _] when method == RequestMethod.Delete => "delete",
            ["keys", _, "create"] when method == RequestMethod.Post => "create",
            ["keys", _, "versions"] when method == RequestMethod.Get => "listversions",
            ["keys", _, var action] when method == RequestMethod.Post && KeyActions.Contains(action) => action.ToLowerInvariant(),
            ["keys", _] or ["keys", _, _] when method == RequestMethod.Get => "get",
            ["keys", _] or ["keys", _, _] when method == RequestMethod.Patch => "update",
            ["keys", _, _, var action] when method == RequestMethod.Post && KeyActions.Contains(action) => action.ToLowerInvariant(),
            ["deletedkeys"] when method == RequestMethod.Get => "listdeleted",
            ["deletedkeys", _] when method == RequestMethod.Get => "getdeleted",
            ["deletedkeys", _] when method == RequestMethod.Delete => "purge",
            ["deletedkeys", _, "recover"] when method == RequestMethod.Post => "recover",
            _ => "other",
        };
    }
}
