using System.Net;
using Microsoft.Extensions.Time.Testing;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

/// <summary>An emulator throttling from start-up configuration, on a clock the test controls.</summary>
public sealed class ThrottlingTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly EmulatorFixture _emulator;
    private VaultClient _vault = null!;

    public ThrottlingTests()
    {
        _emulator = EmulatorFixture.WithSettings(new Dictionary<string, string?> { ["Emulator:Load:Throttling"] = "true" }, _time);
    }

    public async Task InitializeAsync()
    {
        await _emulator.InitializeAsync();
        _vault = new VaultClient(_emulator.CreateClient());
    }

    public Task DisposeAsync() => _emulator.DisposeAsync();

    public void Dispose()
    {
        _vault.Dispose();
        _emulator.Dispose();
    }

    [Theory]
    [InlineData("EC", 20)]
    [InlineData("EC-HSM", 10)]
    public async Task Key_creation_beyond_the_quota_is_429_with_retry_after_until_the_window_ends(string kty, int limit)
    {
        for (var i = 0; i < limit; i++)
        {
            await _vault.CreateKeyAsync(VaultClient.NewName(), new { kty });
        }

        _time.Advance(TimeSpan.FromSeconds(4));
        var throttled = await _vault.PostAsync($"keys/{VaultClient.NewName()}/create", new { kty });
        throttled.AssertError(HttpStatusCode.TooManyRequests, "Throttled");
        Assert.Equal("6", throttled.Headers["Retry-After"]);

        // Reads have their own budget and are still served.
        Assert.Equal(HttpStatusCode.OK, (await _vault.GetAsync("keys")).Status);

        _time.Advance(TimeSpan.FromSeconds(6));
        await _vault.CreateKeyAsync(VaultClient.NewName(), new { kty });
    }

    [Fact]
    public async Task Import_counts_as_creation()
    {
        for (var i = 0; i < 20; i++)
        {
            await _vault.CreateKeyAsync(VaultClient.NewName(), new { kty = "EC" });
        }

        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var parameters = ec.ExportParameters(includePrivateParameters: true);
        var imported = await _vault.SendAsync(HttpMethod.Put, $"keys/{VaultClient.NewName()}", new
        {
            key = new { kty = "EC", crv = "P-256", x = Jwk.Encode(parameters.Q.X!), y = Jwk.Encode(parameters.Q.Y!), d = Jwk.Encode(parameters.D!) },
        });

        imported.AssertError(HttpStatusCode.TooManyRequests, "Throttled");
    }
}
