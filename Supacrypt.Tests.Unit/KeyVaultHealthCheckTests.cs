using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Supacrypt.Backend.KeyVault;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Supacrypt.Tests.Unit;

/// <summary>The readiness probe is unauthenticated and may be hit often: it must not spend the vault's quota per hit.</summary>
public sealed class KeyVaultHealthCheckTests : IDisposable
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HeldHandler _vault = new();

    public void Dispose() => _vault.Dispose();

    [Fact]
    public async Task Concurrent_probes_share_one_key_vault_call_and_reuse_its_answer_for_the_configured_while()
    {
        var check = Create();

        var probes = Enumerable.Range(0, 10).Select(_ => check.CheckHealthAsync(new HealthCheckContext())).ToArray();
        await _vault.Arrived.Task;
        _vault.Answer(HttpStatusCode.OK);
        var results = await Task.WhenAll(probes);
        _time.Advance(CacheDuration - TimeSpan.FromMilliseconds(1));
        var reused = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.All(results, result => Assert.Equal(HealthStatus.Healthy, result.Status));
        Assert.Equal(HealthStatus.Healthy, reused.Status);
        Assert.Equal(1, _vault.Requests);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(2, _vault.Requests);
    }

    [Fact]
    public async Task A_vault_that_hangs_is_unhealthy_after_the_readiness_timeout()
    {
        var check = Create();

        var probe = check.CheckHealthAsync(new HealthCheckContext());
        await _vault.Arrived.Task;
        _time.Advance(Timeout);
        var result = await probe;

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Key_vaults_own_refusal_text_is_not_in_the_probe_answer()
    {
        var check = Create();

        var probe = check.CheckHealthAsync(new HealthCheckContext());
        await _vault.Arrived.Task;
        _vault.Answer(HttpStatusCode.Forbidden, """{"error":{"code":"Forbidden","message":"appid=1;oid=2 lacks keys list on vault 'contoso'"}}""");
        var result = await probe;

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.DoesNotContain("oid=", result.Description, StringComparison.Ordinal);
    }

    private KeyVaultHealthCheck Create()
    {
        var client = new KeyVaultKeyClient(TestPipelines.Build(handler: _vault), new Uri("https://contoso.vault.azure.net/"), "7.5");
        var options = MsOptions.Create(new KeyVaultOptions { ReadinessCacheDuration = CacheDuration, ReadinessTimeout = Timeout });
        return new KeyVaultHealthCheck(client, options, _time);
    }

    /// <summary>Holds each request until the test answers it (or the request is cancelled), and counts them.</summary>
    private sealed class HeldHandler : HttpMessageHandler
    {
        private TaskCompletionSource<HttpResponseMessage> _answer = New<HttpResponseMessage>();
        private int _requests;

        public TaskCompletionSource Arrived { get; private set; } = New();

        public int Requests => Volatile.Read(ref _requests);

        public void Answer(HttpStatusCode status, string body = """{"value":[]}""") =>
            _answer.TrySetResult(new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") });

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            var answer = _answer;
            Arrived.TrySetResult();
            var response = await answer.Task.WaitAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                // Later requests are answered at once with the same success.
                _answer = answer;
            }

            return new HttpResponseMessage(response.StatusCode) { Content = new StringContent(await response.Content.ReadAsStringAsync(cancellationToken)) };
        }

        private static TaskCompletionSource<T> New<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
