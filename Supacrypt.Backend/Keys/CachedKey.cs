namespace Supacrypt.Backend.Keys;

/// <summary>
/// A key version as the public-key cache hands it out: what it is, with attributes (enabled, nbf/exp, key_ops)
/// read from Key Vault at most <c>KeyVault:LatestVersionCacheDuration</c> ago, and its public key ready to use.
/// </summary>
public sealed record CachedKey(KeyDescription Description, SharedPublicKey PublicKey);
