using System.Net.Http.Json;
using System.Security.Cryptography;
using Google.Protobuf;
using Supacrypt.Perf.Hosting;
using Supacrypt.V1;

namespace Supacrypt.Perf;

/// <summary>
/// The calls the figures and the A/B comparison make: each returns null on success or the name of the in-band error.
/// </summary>
public static class PerfCalls
{
    public static readonly ByteString Data = ByteString.CopyFromUtf8("supacrypt performance figures");

    public static GenerateKeyRequest ContractRequest(string name, KeyAlgorithm algorithm) => new()
    {
        Version = 1,
        Name = $"{name}-{Guid.NewGuid():N}",
        Algorithm = algorithm,
        Parameters = algorithm == KeyAlgorithm.Rsa
            ? new KeyParameters { RsaParams = new Supacrypt.V1.RSAParameters { KeySize = RSAKeySize._2048 } }
            : new KeyParameters { EccParams = new ECCParameters { Curve = ECCCurve.P256 } },
    };

    public static async Task<GenerateKeySuccess> GenerateAsync(SupacryptSystem system, GenerateKeyRequest request)
    {
        ArgumentNullException.ThrowIfNull(system);
        var response = await system.Client.GenerateKeyAsync(request);
        return response.ResultCase == GenerateKeyResponse.ResultOneofCase.Success
            ? response.Success
            : throw new InvalidOperationException($"GenerateKey failed: {response.Error.Code} {response.Error.Message}");
    }

    // The client is read on every call: a restarted backend has a new one.
    public static Func<Task<string?>> Sign(SupacryptSystem system, GenerateKeySuccess key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var request = new SignDataRequest { Version = 1, KeyId = key.Metadata.Name, Data = Data };
        return async () =>
        {
            var response = await system.Client.SignDataAsync(request);
            return response.ResultCase == SignDataResponse.ResultOneofCase.Success ? null : response.Error.Code.ToString();
        };
    }

    public static async Task<Func<Task<string?>>> VerifyAsync(SupacryptSystem system, GenerateKeySuccess key)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(key);
        var signed = await system.Client.SignDataAsync(new SignDataRequest { Version = 1, KeyId = key.Metadata.Name, Data = Data });
        if (signed.ResultCase != SignDataResponse.ResultOneofCase.Success)
        {
            throw new InvalidOperationException($"SignData for the verification input failed: {signed.Error.Code} {signed.Error.Message}");
        }

        var request = new VerifySignatureRequest { Version = 1, KeyId = key.Metadata.Name, Data = Data, Signature = signed.Success.Signature };
        return async () =>
        {
            var response = await system.Client.VerifySignatureAsync(request);
            return response.ResultCase != VerifySignatureResponse.ResultOneofCase.Success ? response.Error.Code.ToString()
                : response.Success.IsValid ? null : "InvalidSignature";
        };
    }

    public static Func<Task<string?>> Encrypt(SupacryptSystem system, GenerateKeySuccess key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var request = new EncryptDataRequest { Version = 1, KeyId = key.Metadata.Name, Plaintext = Data };
        return async () =>
        {
            var response = await system.Client.EncryptDataAsync(request);
            return response.ResultCase == EncryptDataResponse.ResultOneofCase.Success ? null : response.Error.Code.ToString();
        };
    }

    /// <summary>The same Key Vault request the backend sends for a SignData call, straight to the emulator.</summary>
    public static Func<Task<string?>> DirectSign(SupacryptSystem system, GenerateKeySuccess key)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(key);
        var digest = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Data.Span));
        var path = new Uri($"keys/{key.Metadata.Name}/sign?api-version=7.5", UriKind.Relative);
        return async () =>
        {
            using var response = await system.Vault.PostAsJsonAsync(path, new { alg = "RS256", value = digest });
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        };
    }
}
