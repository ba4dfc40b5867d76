using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.Tests.Reliability;

namespace Supacrypt.Tests.Security;

/// <summary>Outside Development, whether revoked certificates are refused is a stated setting, and NoCheck keeps being pointed out.</summary>
[Collection(BackendTests.Name)]
public sealed class RevocationDecisionTests(BackendFixture fixture)
{
    [Theory]
    [InlineData("MutualTls")]
    [InlineData("ForwardedClientCertificate")]
    public async Task Production_refuses_to_start_when_the_revocation_mode_is_not_stated(string mode)
    {
        var settings = BackendFixture.BackendSettings(fixture.Emulator.VaultUri, BackendFixture.FreePort(), BackendFixture.FreePort());
        settings.Remove("Security:RevocationMode");
        settings["Security:Mode"] = mode;
        settings["Security:ForwardedCertificate:KnownNetworks:0"] = "127.0.0.1/32";
        if (mode == "ForwardedClientCertificate")
        {
            settings["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{BackendFixture.FreePort()}";
        }

        await using var backend = new BackendFixture.BackendFactory(settings);
        backend.UseKestrel();

        var failure = Assert.ThrowsAny<OptionsValidationException>(backend.StartServer);

        Assert.Contains($"Security:RevocationMode must be set with Security:Mode={mode} outside Development", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stated_NoCheck_is_warned_about_at_start_up_and_every_hour_after()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new ErrorLogs(LogLevel.Warning);
        await using var backend = StartedBackend.Start(
            fixture.Emulator.VaultUri, settings => settings["Security:RevocationMode"] = "NoCheck", logs, services => services.AddSingleton<TimeProvider>(clock));
        await Eventually.HoldsAsync(() => Task.FromResult(Warnings(logs) == 1), "The start-up warning");

        clock.Advance(TimeSpan.FromHours(1));

        await Eventually.HoldsAsync(() => Task.FromResult(Warnings(logs) == 2), "The hourly warning");
    }

    private static int Warnings(ErrorLogs logs) => logs.Entries.Count(entry => entry.Contains("Security:RevocationMode=NoCheck: client certificates are accepted without checking revocation", StringComparison.Ordinal));
}
