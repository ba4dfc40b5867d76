using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

[Collection(EmulatorTestGroup.Name)]
public sealed class FaultInjectionTests(EmulatorFixture emulator) : IAsyncLifetime, IDisposable
{
    private readonly VaultClient _vault = new(emulator.CreateClient());

    public Task InitializeAsync() => emulator.ClearFaultsAsync();

    public Task DisposeAsync() => emulator.ClearFaultsAsync();

    public void Dispose() => _vault.Dispose();

    [Fact]
    public async Task Injected_429_answers_count_matching_requests_with_retry_after_then_recovers()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        var sign = new { alg = "ES256", value = Jwk.Encode(SHA256.HashData("fault"u8)) };
        await emulator.InjectFaultAsync(429, count: 2, operation: "sign", retryAfterSeconds: 3);

        // Another operation is not affected by a sign fault.
        Assert.Equal(HttpStatusCode.OK, (await _vault.GetAsync($"keys/{name}")).Status);
        for (var i = 0; i < 2; i++)
        {
            var throttled = await _vault.PostAsync($"keys/{name}/sign", sign);
            throttled.AssertError(HttpStatusCode.TooManyRequests, "Throttled");
            Assert.Equal("3", throttled.Headers["Retry-After"]);
        }

        Assert.Equal(HttpStatusCode.OK, (await _vault.PostAsync($"keys/{name}/sign", sign)).Status);
    }

    [Fact]
    public async Task Injected_503_for_any_operation_hits_the_next_request()
    {
        await emulator.InjectFaultAsync(503);
        var response = await _vault.GetAsync("keys");
        response.AssertError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        Assert.Equal("1", response.Headers["Retry-After"]);
        Assert.Equal(HttpStatusCode.OK, (await _vault.GetAsync("keys")).Status);
    }

    [Fact]
    public async Task Injected_delay_only_slows_the_request_down()
    {
        await emulator.InjectFaultAsync(null, operation: "list", delayMilliseconds: 300);
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await _vault.GetAsync("keys")).Status);
        Assert.True(watch.ElapsedMilliseconds >= 280, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Clear_removes_pending_faults()
    {
        await emulator.InjectFaultAsync(500, count: 5);
        await emulator.ClearFaultsAsync();
        Assert.Equal(HttpStatusCode.OK, (await _vault.GetAsync("keys")).Status);
    }

    [Fact]
    public async Task Invalid_fault_is_bad_parameter()
    {
        using var response = await _vault.Http.PostAsJsonAsync("_emulator/faults", new { status = 200 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var unknown = await _vault.Http.PostAsJsonAsync("_emulator/faults", new { status = 500, operation = "teleport" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Unauthenticated_challenge_does_not_consume_a_fault()
    {
        await emulator.InjectFaultAsync(503, operation: "list");
        using (var anonymous = new HttpClient { BaseAddress = emulator.VaultUri })
        using (var challenged = await anonymous.GetAsync(new Uri(VaultClient.WithApiVersion("keys"), UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _vault.GetAsync("keys")).Status);
    }
}
