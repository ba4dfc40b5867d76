using Supacrypt.V1;

namespace Supacrypt.Tests.Infrastructure;

/// <summary>The key shapes the contract supports, as test data, and a way to create one through the backend.</summary>
public enum TestKey
{
    Rsa2048,
    Rsa3072,
    P256,
    P384,
    P521,
}

public static class ContractKeys
{
    public static GenerateKeyRequest Request(TestKey key, string name) => key switch
    {
        TestKey.Rsa2048 => Rsa(name, RSAKeySize._2048),
        TestKey.Rsa3072 => Rsa(name, RSAKeySize._3072),
        TestKey.P256 => Ec(name, ECCCurve.P256),
        TestKey.P384 => Ec(name, ECCCurve.P384),
        _ => Ec(name, ECCCurve.P521),
    };

    public static GenerateKeyRequest Rsa(string name, RSAKeySize size, uint exponent = 0) => new()
    {
        Name = name,
        Algorithm = KeyAlgorithm.Rsa,
        Parameters = new KeyParameters { RsaParams = new RSAParameters { KeySize = size, PublicExponent = exponent } },
    };

    public static GenerateKeyRequest Ec(string name, ECCCurve curve, KeyAlgorithm algorithm = KeyAlgorithm.Ecc) => new()
    {
        Name = name,
        Algorithm = algorithm,
        Parameters = new KeyParameters { EccParams = new ECCParameters { Curve = curve } },
    };

    /// <summary>Creates the key and returns its success payload, failing the test with the error if there is one.</summary>
    public static async Task<GenerateKeySuccess> CreateAsync(this SupacryptService.SupacryptServiceClient client, GenerateKeyRequest request)
    {
        var response = await client.GenerateKeyAsync(request);
        Assert.True(response.ResultCase == GenerateKeyResponse.ResultOneofCase.Success, $"GenerateKey failed: {response.Error}");
        return response.Success;
    }

    public static Task<GenerateKeySuccess> CreateAsync(this SupacryptService.SupacryptServiceClient client, TestKey key, string? name = null) =>
        client.CreateAsync(Request(key, name ?? KeyNames.Unique(key.ToString().ToLowerInvariant())));
}
