using System.Net;
using System.Net.Http.Json;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

/// <summary>Starts its own emulators with non-default settings.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task Authentication_can_be_turned_off()
    {
        await using var emulator = EmulatorFixture.WithSettings(new Dictionary<string, string?> { ["Emulator:RequireAuthentication"] = "false" });
        await emulator.InitializeAsync();
        using var anonymous = new VaultClient(new HttpClient { BaseAddress = emulator.VaultUri });
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("keys")).Status);
    }

    [Fact]
    public async Task Fault_api_is_not_found_unless_enabled()
    {
        await using var emulator = EmulatorFixture.WithSettings(new Dictionary<string, string?> { ["Emulator:EnableFaultInjection"] = "false" });
        await emulator.InitializeAsync();
        using var client = emulator.CreateClient();
        using var response = await client.PostAsJsonAsync("_emulator/faults", new { status = 503 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var vault = new VaultClient(emulator.CreateClient());
        Assert.Equal(HttpStatusCode.OK, (await vault.GetAsync("keys")).Status);
    }
}
