using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Reliability;

/// <summary>SIGTERM to a real backend process while calls are in flight at the vault.</summary>
[Collection(ReliabilityTests.Name)]
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private readonly EmulatorFixture _emulator = EmulatorFixture.WithSettings(new Dictionary<string, string?> { ["Emulator:RequireAuthentication"] = "false" });

    public Task InitializeAsync() => _emulator.InitializeAsync();

    public Task DisposeAsync() => _emulator.DisposeAsync();

    [Fact]
    public async Task Sigterm_fails_readiness_refuses_new_calls_lets_calls_in_flight_finish_and_exits_zero()
    {
        const int InFlight = 8;
        await using var backend = BackendProcess.Start(_emulator.VaultUri, new Dictionary<string, string> { ["Supacrypt:ShutdownGracePeriod"] = "00:01:00" });
        await LoadRunner.WaitUntilAsync(async () => await backend.ReadinessAsync() == HttpStatusCode.OK, "the backend is ready");
        var key = (await backend.Client.CreateAsync(TestKey.P256)).Metadata.Name;
        var request = new SignDataRequest { KeyId = key, Data = ByteString.CopyFromUtf8("shutdown") };
        await _emulator.HoldAsync("sign", InFlight);
        var calls = Enumerable.Range(0, InFlight).Select(_ => backend.Client.SignDataAsync(request).ResponseAsync).ToArray();
        await LoadRunner.WaitUntilAsync(async () => await _emulator.HeldAsync() == InFlight, "every call is in flight at the vault");

        await backend.TerminateAsync();

        await LoadRunner.WaitUntilAsync(async () => await backend.ReadinessAsync() == HttpStatusCode.ServiceUnavailable, "readiness fails");
        var refused = await Assert.ThrowsAsync<RpcException>(() => backend.Client.SignDataAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.False(backend.HasExited);

        await _emulator.ClearFaultsAsync();
        var finished = await Task.WhenAll(calls);
        Assert.All(finished, response => Assert.Equal(SignDataResponse.ResultOneofCase.Success, response.ResultCase));
        Assert.Equal(0, await backend.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Calls_still_running_when_the_grace_period_ends_are_cut_off_and_the_process_exits_zero()
    {
        await using var backend = BackendProcess.Start(_emulator.VaultUri, new Dictionary<string, string> { ["Supacrypt:ShutdownGracePeriod"] = "00:00:01" });
        await LoadRunner.WaitUntilAsync(async () => await backend.ReadinessAsync() == HttpStatusCode.OK, "the backend is ready");
        var key = (await backend.Client.CreateAsync(TestKey.P256)).Metadata.Name;
        await _emulator.HoldAsync("sign", 1);
        var call = backend.Client.SignDataAsync(new SignDataRequest { KeyId = key, Data = ByteString.CopyFromUtf8("cut off") }).ResponseAsync;
        await LoadRunner.WaitUntilAsync(async () => await _emulator.HeldAsync() == 1, "the call is in flight at the vault");

        await backend.TerminateAsync();

        Assert.Equal(0, await backend.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var cutOff = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Contains(cutOff.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Cancelled });
        await _emulator.ClearFaultsAsync();
    }
}
