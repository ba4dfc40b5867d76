namespace Supacrypt.Backend.Keys;

/// <summary>A signature's parameters as the caller sent them, before the key's defaults; 0 means unset.</summary>
public readonly record struct SigningRequest(HashFunction Hash, ParameterFamily Parameters, RsaPadding Padding, uint SaltLength);

/// <summary>An encryption's parameters as the caller sent them, before the defaults.</summary>
public readonly record struct EncryptionRequest(ParameterFamily Parameters, RsaPadding Padding, HashFunction OaepHash, bool HasOaepLabel);
