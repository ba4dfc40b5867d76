namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>Endpoint metadata naming the Key Vault operation, so fault injection can target it.</summary>
public sealed record KeyVaultOperation(string Name)
{
    public static IReadOnlyList<string> All { get; } =
    [
        "create", "import", "get", "update", "list", "listversions", "delete", "getdeleted", "listdeleted",
        "recover", "purge", "sign", "verify", "encrypt", "decrypt", "wrapkey", "unwrapkey",
    ];
}
