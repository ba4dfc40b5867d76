using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Emulator;

/// <summary>The load model set at run time through <c>/_emulator/faults/load</c> on the shared emulator.</summary>
[Collection(EmulatorTestGroup.Name)]
public sealed class LoadModelTests(EmulatorFixture emulator) : IAsyncLifetime, IDisposable
{
    private readonly VaultClient _vault = new(emulator.CreateClient());

    public Task InitializeAsync() => emulator.ClearFaultsAsync();

    public Task DisposeAsync() => emulator.ClearFaultsAsync();

    public void Dispose() => _vault.Dispose();

    [Fact]
    public async Task The_load_model_is_off_unless_configured()
    {
        var current = await _vault.Http.GetFromJsonAsync<JsonObject>("_emulator/faults/load");

        Assert.False(current!["throttling"]!.GetValue<bool>());
        Assert.Equal(0, current["latencyMilliseconds"]!.GetValue<int>());
        Assert.Equal(0, current["errorRate"]!.GetValue<double>());
        Assert.Equal(0, current["dropRate"]!.GetValue<double>());
    }

    [Fact]
    public async Task Added_latency_delays_every_key_vault_request_but_not_the_admin_api()
    {
        await emulator.SetLoadAsync(new { latencyMilliseconds = 300, latencyJitterMilliseconds = 50 });

        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await _vault.GetAsync("keys")).Status);

        Assert.True(watch.ElapsedMilliseconds >= 290, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task An_error_rate_of_one_answers_every_request_with_500_or_503_and_clearing_restores_service()
    {
        await emulator.SetLoadAsync(new { errorRate = 1.0 });

        for (var i = 0; i < 10; i++)
        {
            var response = await _vault.GetAsync("keys");
            Assert.Contains(response.Status, new[] { HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable });
            Assert.False(string.IsNullOrEmpty(response.ErrorCode));
        }

        await emulator.ClearFaultsAsync();
        Assert.Equal(HttpStatusCode.OK, (await _vault.GetAsync("keys")).Status);
    }

    [Fact]
    public async Task An_error_rate_fails_about_that_fraction_of_requests()
    {
        await emulator.SetLoadAsync(new { errorRate = 0.5 });

        var failed = 0;
        for (var i = 0; i < 400; i++)
        {
            failed += (await _vault.GetAsync("keys")).Status == HttpStatusCode.OK ? 0 : 1;
        }

        // Binomial(400, 0.5): outside 120..280 happens less than once in 10^15 runs.
        Assert.InRange(failed, 120, 280);
    }

    [Fact]
    public async Task A_drop_rate_of_one_closes_the_connection_without_an_answer()
    {
        await emulator.SetLoadAsync(new { dropRate = 1.0 });

        await Assert.ThrowsAsync<HttpRequestException>(() => _vault.GetAsync("keys"));

        await emulator.ClearFaultsAsync();
        Assert.Equal(HttpStatusCode.OK, (await _vault.GetAsync("keys")).Status);
    }

    [Fact]
    public async Task Health_is_not_subject_to_the_load_model()
    {
        await emulator.SetLoadAsync(new { errorRate = 1.0, dropRate = 1.0 });

        using var health = await _vault.Http.GetAsync(new Uri("health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("""{"errorRate": 1.5}""")]
    [InlineData("""{"dropRate": -0.1}""")]
    [InlineData("""{"latencyMilliseconds": -1}""")]
    [InlineData("""{"latencyMilliseconds": "slow"}""")]
    public async Task Invalid_load_settings_are_bad_parameter_and_change_nothing(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _vault.Http.PutAsync(new Uri("_emulator/faults/load", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _vault.GetAsync("keys")).Status);
    }

    [Fact]
    public async Task Operations_keep_working_with_throttling_on_below_the_quota()
    {
        var name = VaultClient.NewName();
        await _vault.CreateKeyAsync(name, new { kty = "EC" });
        await emulator.SetLoadAsync(new { throttling = true });

        var signed = await _vault.PostAsync($"keys/{name}/sign", new { alg = "ES256", value = Jwk.Encode(SHA256.HashData("load"u8)) });

        Assert.Equal(HttpStatusCode.OK, signed.Status);
    }
}
