using System.Net;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.KeyVault;
using Supacrypt.V1;

namespace Supacrypt.Tests.Unit;

/// <summary>GenerateKey against Key Vault answers the emulator does not give.</summary>
public sealed class KeyGenerationTests
{
    [Fact]
    public async Task A_disabled_key_that_key_vault_will_not_read_still_takes_its_name()
    {
        var handler = new CannedHandler(
            HttpStatusCode.Forbidden,
            """{"error":{"code":"Forbidden","message":"Operation get is not allowed on a disabled key.","innererror":{"code":"KeyDisabled"}}}""");
        var options = Options.Create(new KeyVaultOptions());
        var client = new KeyVaultKeyClient(TestPipelines.Build(handler: handler), new Uri("https://contoso.vault.azure.net/"), "7.5");
        var generation = new KeyGeneration(client, new PublicKeyCache(client, options, TimeProvider.System), options);

        var refusal = await Assert.ThrowsAsync<KeyOperationException>(() =>
            generation.GenerateAsync("taken", KeyAlgorithm.Ecc, null, new Dictionary<string, string>(), [], CancellationToken.None));

        Assert.Equal(ErrorCode.KeyAlreadyExists, refusal.Code);
        Assert.DoesNotContain(handler.Requests, request => request.AbsolutePath.EndsWith("/create", StringComparison.Ordinal));
    }
}
