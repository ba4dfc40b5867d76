using Google.Protobuf;
using Grpc.Core;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Reliability;

/// <summary>The vault goes away in the middle of a load and comes back at the same address with the same keys.</summary>
[Collection(ReliabilityTests.Name)]
public sealed class EmulatorRestartTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("supacrypt-restart-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task Calls_are_unavailable_while_the_vault_is_down_and_succeed_again_when_it_returns()
    {
        var port = BackendFixture.FreePort();
        var first = StartEmulator(port);
        await first.InitializeAsync();
        var errors = new ErrorLogs();
        await using var backend = StartedBackend.Start(first.VaultUri, settings =>
        {
            settings["KeyVault:MaxRetries"] = "1";
            settings["KeyVault:CircuitBreakDuration"] = "00:00:00.500";
        }, errors);
        var key = (await backend.Client.CreateAsync(TestKey.P256)).Metadata.Name;
        var request = new SignDataRequest { KeyId = key, Data = ByteString.CopyFromUtf8("restart") };
        await using var load = LoadRunner.Start(4, async () =>
        {
            var response = await backend.Client.SignDataAsync(request);
            return response.ResultCase == SignDataResponse.ResultOneofCase.Success ? null : response.Error.Code.ToString();
        });
        await LoadRunner.WaitUntilAsync(() => load.Outcomes[CallOutcomes.Ok] >= 20, "calls succeed before the outage");

        await first.DisposeAsync();
        await LoadRunner.WaitUntilAsync(() => load.Outcomes[nameof(StatusCode.Unavailable)] >= 20, "calls are unavailable during the outage");
        var second = StartEmulator(port);
        await second.InitializeAsync();
        var succeededBefore = load.Outcomes[CallOutcomes.Ok];
        await LoadRunner.WaitUntilAsync(() => load.Outcomes[CallOutcomes.Ok] >= succeededBefore + 20, "calls succeed again after the outage");
        await load.StopAsync();
        await second.DisposeAsync();

        load.Outcomes.AssertOnlySuccessOrRetry();
        Assert.True(errors.Entries.Count == 0, string.Join(Environment.NewLine, errors.Entries));
    }

    private EmulatorFixture StartEmulator(int port) => EmulatorFixture.WithSettings(new Dictionary<string, string?>
    {
        ["Emulator:RequireAuthentication"] = "false",
        ["Emulator:DataDirectory"] = _dataDirectory,
        ["Emulator:StorageSecret"] = "restart-test-secret",
    }, port: port);
}
