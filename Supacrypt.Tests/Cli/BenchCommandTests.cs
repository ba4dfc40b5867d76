using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Cli;

[Collection(BackendTests.Name)]
public sealed class BenchCommandTests(BackendFixture backend)
{
    [Fact]
    public async Task Bench_for_one_second_reports_throughput_latencies_and_no_errors_with_a_baseline()
    {
        var key = (await backend.SharedKeyAsync(TestKey.P256)).Metadata.Name;

        var result = await CliConnection.RunAsync(backend, "bench", "--operation", "sign", "--key-name", key,
            "--concurrency", "4", "--connections", "2", "--duration", "1", "--warmup", "0.2", "--baseline", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = result.Json();
        Assert.True(report.GetProperty("operations").GetInt64() > 0, result.Text);
        Assert.True(report.GetProperty("operationsPerSecond").GetDouble() > 0, result.Text);
        Assert.Empty(report.GetProperty("errors").EnumerateObject());
        var latency = report.GetProperty("latency");
        Assert.InRange(latency.GetProperty("p50Milliseconds").GetDouble(), double.Epsilon, latency.GetProperty("p99Milliseconds").GetDouble());
        Assert.True(latency.GetProperty("p99Milliseconds").GetDouble() <= latency.GetProperty("maxMilliseconds").GetDouble());
        Assert.True(report.GetProperty("baseline").GetProperty("operationsPerSecond").GetDouble() > 0, result.Text);
        Assert.True(report.GetProperty("ratio").GetDouble() > 0, result.Text);
    }

    [Fact]
    public async Task Bench_prints_a_table_with_the_ratio_against_raw_crypto()
    {
        var key = (await backend.SharedKeyAsync(TestKey.Rsa2048)).Metadata.Name;

        var result = await CliConnection.RunAsync(backend, "bench", "--operation", "verify", "--key-name", key,
            "--concurrency", "2", "--duration", "1", "--warmup", "0", "--baseline");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("p99 ms", result.Text, StringComparison.Ordinal);
        Assert.Contains("raw .NET", result.Text, StringComparison.Ordinal);
        Assert.Contains("ratio service ÷ raw", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_generate_creates_keys_under_load_and_deletes_them_afterwards()
    {
        var result = await CliConnection.RunAsync(backend, "bench", "--operation", "generate", "--algorithm", "p256",
            "--concurrency", "2", "--duration", "1", "--warmup", "0", "--json");
        var left = await CliConnection.RunAsync(backend, "keys", "list", "--filter", "bench-", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Json().GetProperty("operations").GetInt64() > 0, result.Text);
        Assert.Empty(left.Json().GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task Bench_decrypt_with_an_ec_key_is_a_usage_error()
    {
        var key = (await backend.SharedKeyAsync(TestKey.P256)).Metadata.Name;

        var result = await CliConnection.RunAsync(backend, "bench", "--operation", "decrypt", "--key-name", key, "--duration", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("RSA", result.Error, StringComparison.Ordinal);
    }
}
