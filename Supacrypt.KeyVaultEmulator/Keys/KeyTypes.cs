namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>Key types, key operations and curves of the Key Vault keys API that the emulator supports.</summary>
public static class KeyTypes
{
    public const string Rsa = "RSA";
    public const string RsaHsm = "RSA-HSM";
    public const string Ec = "EC";
    public const string EcHsm = "EC-HSM";

    public static IReadOnlyList<string> All { get; } = [Rsa, RsaHsm, Ec, EcHsm];

    public static bool IsRsa(string kty) => kty is Rsa or RsaHsm;

    public static bool IsEc(string kty) => kty is Ec or EcHsm;

    /// <summary>Every key operation name Key Vault knows; crypto endpoints check the first six.</summary>
    public static IReadOnlyList<string> Operations { get; } =
        ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey", "import", "export"];

    /// <summary>What a key can do when the caller does not say (Key Vault's defaults).</summary>
    public static IReadOnlyList<string> DefaultOperations(string kty) =>
        IsRsa(kty) ? ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"] : ["sign", "verify"];
}
