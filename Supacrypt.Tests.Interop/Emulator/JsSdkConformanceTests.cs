using System.Text.Json.Nodes;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

/// <summary>
/// Microsoft's own Key Vault keys client (@azure/keyvault-keys 4.10.2, restored by the test project's build)
/// drives the emulator: challenge, create, versionless get, list, sign/verify, encrypt/decrypt, delete/purge, errors.
/// </summary>
[Collection(EmulatorTestGroup.Name)]
public sealed class JsSdkConformanceTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task Js_sdk_round_trip_against_the_emulator()
    {
        var output = await RunScriptAsync(emulator.VaultUri.ToString().TrimEnd('/'));
        var result = JsonNode.Parse(output)!;
        var name = result["name"]!.GetValue<string>();

        Assert.Equal(new Uri(emulator.VaultUri, $"keys/{name}/{result["createdVersion"]}").ToString(), result["createdKid"]!.GetValue<string>());
        Assert.Equal("RSA", result["createdKty"]!.GetValue<string>());
        Assert.Equal("js", result["createdTags"]!["origin"]!.GetValue<string>());
        Assert.Equal(result["createdKid"]!.GetValue<string>(), result["fetchedKid"]!.GetValue<string>());
        Assert.True(result["listed"]!.GetValue<bool>());
        Assert.Equal(256, result["signatureBytes"]!.GetValue<int>());
        Assert.True(result["verified"]!.GetValue<bool>());
        Assert.False(result["tamperedVerified"]!.GetValue<bool>());
        Assert.True(result["roundTrip"]!.GetValue<bool>());
        Assert.Equal(new Uri(emulator.VaultUri, $"deletedkeys/{name}").ToString(), result["recoveryId"]!.GetValue<string>());
        Assert.NotNull(result["scheduledPurgeDate"]);
        Assert.Equal("RestError", result["missingError"]!["name"]!.GetValue<string>());
        Assert.Equal("KeyNotFound", result["missingError"]!["code"]!.GetValue<string>());
        Assert.Equal(404, result["missingError"]!["statusCode"]!.GetValue<int>());
    }

    // The script and its node_modules stay in the source tree, where the build restored them.
    private static readonly string ScriptDirectory = RepositoryFiles.PathOf(Path.Combine("Supacrypt.Tests.Interop", "Emulator", "JsSdk"));

    private static async Task<string> RunScriptAsync(string vaultUri)
    {
        var result = await ExternalProcess.RunAsync("node", ["script.js", vaultUri], ScriptDirectory, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"node script.js failed: {result}");
        return result.StandardOutput.Trim();
    }
}
