using System.Net;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// The dev overlay's settings given to the real emulator and backend processes, as their pods would get them. Only the
// addresses change: /certs becomes a folder of test certificates, Services and ports become loopback ports. The backend
// must start under mutual TLS, trust the emulator's certificate through SSL_CERT_FILE alone, and become ready.
[Collection(KustomizeTestGroup.Name)]
public sealed class DevOverlayProcessTests(KustomizeFixture fixture) : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly DirectoryInfo _certificates = Directory.CreateTempSubdirectory("supacrypt-dev-certs-");

    [Fact]
    public async Task Dev_overlay_settings_bring_the_backend_to_ready_against_the_emulator_over_tls()
    {
        var rendered = fixture[KustomizeFixture.Dev];
        ClusterCertificateFiles.Write(_certificates.FullName);
        var (emulatorPort, grpcPort, healthPort) = (BackendFixture.FreePort(), BackendFixture.FreePort(), BackendFixture.FreePort());

        var emulatorEnvironment = Relocate(
            rendered.Environment(rendered.Deployment("supacrypt-keyvault-emulator").Spec.Template.Spec.Containers.Single()),
            new() { ["Kestrel__Endpoints__https__Url"] = $"https://127.0.0.1:{emulatorPort}" });
        var backendEnvironment = Relocate(
            rendered.Environment(rendered.BackendContainerSpec),
            new()
            {
                ["ConnectionStrings__keyvault"] = $"https://localhost:{emulatorPort}/",
                ["Kestrel__Endpoints__grpc__Url"] = $"https://127.0.0.1:{grpcPort}",
                ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{healthPort}",
                // No collector runs here, and the exporter must not look up a cluster's Service name.
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            });

        using var emulator = ServiceProcess.Start("Supacrypt.KeyVaultEmulator", emulatorEnvironment);
        using var backend = ServiceProcess.Start("Supacrypt.Backend", backendEnvironment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var ready = new Uri($"http://127.0.0.1:{healthPort}/health/ready");

        using var deadline = new CancellationTokenSource(ReadyTimeout);
        HttpStatusCode? last = null;
        while (last != HttpStatusCode.OK && !deadline.IsCancellationRequested)
        {
            last = await StatusAsync(http, ready);
            if (last != HttpStatusCode.OK)
            {
                await Task.Delay(PollInterval);
            }
        }

        Assert.True(last == HttpStatusCode.OK, $"The backend did not become ready (last answer: {last?.ToString() ?? "none"}).\nbackend:\n{backend.Output}\nemulator:\n{emulator.Output}");
    }

    public void Dispose() => _certificates.Delete(recursive: true);

    // Every override must name a variable the overlay sets, so a renamed one fails here rather than being added.
    private Dictionary<string, string> Relocate(IReadOnlyDictionary<string, string> environment, Dictionary<string, string?> overrides)
    {
        var relocated = environment.ToDictionary(
            variable => variable.Key,
            variable => variable.Value.StartsWith("/certs/", StringComparison.Ordinal)
                ? Path.Combine(_certificates.FullName, variable.Value["/certs/".Length..])
                : variable.Value);
        foreach (var (name, value) in overrides)
        {
            Assert.True(relocated.ContainsKey(name), $"The dev overlay no longer sets {name}.");
            if (value is null)
            {
                relocated.Remove(name);
            }
            else
            {
                relocated[name] = value;
            }
        }

        return relocated;
    }

    private static async Task<HttpStatusCode?> StatusAsync(HttpClient http, Uri uri)
    {
        try
        {
            using var response = await http.GetAsync(uri);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
