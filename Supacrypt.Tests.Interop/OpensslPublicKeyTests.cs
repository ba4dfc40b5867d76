using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Interop;

[Collection(BackendTests.Name)]
public sealed class OpensslPublicKeyTests(BackendFixture fixture) : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(RSAKeySize._2048, 65537u)]
    [InlineData(RSAKeySize._3072, 65537u)]
    [InlineData(RSAKeySize._4096, 65537u)]
    public async Task Openssl_reads_every_rsa_public_key_the_backend_returns(RSAKeySize size, uint exponent)
    {
        // Exponent 3 needs a Managed HSM (see VaultKindTests); the shared fixture plays a standard vault.
        var request = ContractKeys.Rsa(KeyNames.Unique($"pub-rsa{(int)size}-e{exponent}"), size, exponent);
        string[] expected = [$"Public-Key: ({(int)size} bit)", "Exponent: 65537 (0x10001)"];

        await AssertGeneratedAndFetchedKeysParseAsync(request, KeyAlgorithm.Rsa, expected);
    }

    [Theory]
    [InlineData(ECCCurve.P256, KeyAlgorithm.Ecc, "prime256v1", "P-256", 256)]
    [InlineData(ECCCurve.P384, KeyAlgorithm.Ecdsa, "secp384r1", "P-384", 384)]
    [InlineData(ECCCurve.P521, KeyAlgorithm.Ecc, "secp521r1", "P-521", 521)]
    public async Task Openssl_reads_every_ec_public_key_the_backend_returns(ECCCurve curve, KeyAlgorithm algorithm, string oid, string nist, int bits)
    {
        var request = ContractKeys.Ec(KeyNames.Unique($"pub-{nist.ToLowerInvariant()}"), curve, algorithm);

        await AssertGeneratedAndFetchedKeysParseAsync(request, algorithm, [$"Public-Key: ({bits} bit)", $"ASN1 OID: {oid}", $"NIST CURVE: {nist}"]);
    }

    public void Dispose() => _directory.Dispose();

    private async Task AssertGeneratedAndFetchedKeysParseAsync(GenerateKeyRequest request, KeyAlgorithm algorithm, string[] expected)
    {
        var generated = await fixture.Client.CreateAsync(request);
        var fetched = await fixture.Client.GetKeyAsync(new GetKeyRequest { KeyId = request.Name, IncludePublicKey = true });
        Assert.True(fetched.ResultCase == GetKeyResponse.ResultOneofCase.Success, $"GetKey failed: {fetched.Error}");
        Assert.Equal(generated.Metadata.KeyId, fetched.Success.Metadata.KeyId);

        // GenerateKey echoes the requested algorithm; Key Vault does not record ECC versus ECDSA, so GetKey may say either.
        Assert.Equal(algorithm, generated.PublicKey.Algorithm);
        KeyAlgorithm[] acceptable = algorithm == KeyAlgorithm.Rsa ? [KeyAlgorithm.Rsa] : [KeyAlgorithm.Ecc, KeyAlgorithm.Ecdsa];
        Assert.Contains(fetched.Success.PublicKey.Algorithm, acceptable);
        foreach (var publicKey in new[] { generated.PublicKey, fetched.Success.PublicKey })
        {
            var der = publicKey.KeyData.ToByteArray();
            var id = BackendKeys.FileName("pub");
            var file = _directory.Write($"{id}.der", der);

            var text = await _directory.OpenSslCheckedAsync("pkey", "-pubin", "-inform", "DER", "-in", file, "-text", "-noout");
            foreach (var line in expected)
            {
                Assert.Contains(line, text.StandardOutput, StringComparison.Ordinal);
            }

            // Re-encoding by openssl gives the same bytes: the backend's DER is canonical.
            await _directory.OpenSslCheckedAsync("pkey", "-pubin", "-inform", "DER", "-in", file, "-pubout", "-outform", "DER", "-out", $"{id}.out.der");
            Assert.Equal(der, _directory.Read($"{id}.out.der"));
        }

        Assert.Equal(generated.PublicKey.KeyData, fetched.Success.PublicKey.KeyData);
    }
}
