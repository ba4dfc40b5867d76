using System.Runtime.Versioning;
using Google.Protobuf;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;
using Xunit.Abstractions;
using ContractHash = Supacrypt.V1.HashAlgorithm;

namespace Supacrypt.Tests.Deployment.Containers;

/// <summary>
/// The published backend under its container's restrictions (UID/GID 1000, no capabilities, no-new-privileges,
/// everything read-only but /tmp), configured by the image's own ENV lines, with mutual TLS and the emulator.
/// </summary>
[Collection(PublishedBackendTests.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class HardeningTests(PublishedBackendFixture published, ITestOutputHelper output) : IAsyncLifetime
{
    // The image budget: published output + base image < 200 MB. The base image's share is an estimate, not a
    // measurement (no engine here): Microsoft's size report gives 111 MB uncompressed for aspnet:8.0-jammy-chiseled;
    // 120 MB leaves room for .NET 10 on noble, and 5 MB covers the zone files the Dockerfile adds.
    private const long BudgetBytes = 200L * 1024 * 1024;
    private const long BaseImageEstimateBytes = 120L * 1024 * 1024;
    private const long TimeZoneDataBytes = 5L * 1024 * 1024;

    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);
    private static readonly string[] WriteFailures = ["Read-only file system", "UnauthorizedAccessException", "Permission denied", "Access to the path"];

    private readonly EmulatorFixture _emulator = EmulatorFixture.WithSettings(new Dictionary<string, string?>
    {
        // KeyVault:Credential=None: the backend sends no token, as it may to a vault on loopback.
        ["Emulator:RequireAuthentication"] = "false",
    });

    private ContainerSandbox _sandbox = null!;

    public async Task InitializeAsync()
    {
        await _emulator.InitializeAsync();
        var root = Directory.CreateTempSubdirectory("supacrypt-sandbox-").FullName;
        _sandbox = ContainerSandbox.Create(root, published.AppDirectory);
        _sandbox.AddCertificateFile("server.crt", TestCertificates.Shared.ServerCertificatePath);
        _sandbox.AddCertificateFile("server.key", TestCertificates.Shared.ServerKeyPath);
        _sandbox.AddCertificateFile("ca.crt", TestCertificates.Shared.AuthorityPath);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_sandbox.TemporaryDirectory)!, recursive: true);
    }

    [Fact]
    public void Published_output_leaves_the_base_image_room_within_the_200_MB_budget()
    {
        var bytes = published.PublishedBytes;
        output.WriteLine($"published output {bytes / 1024.0 / 1024:F1} MB + base image estimate {BaseImageEstimateBytes / 1024 / 1024} MB + zone files {TimeZoneDataBytes / 1024 / 1024} MB; budget {BudgetBytes / 1024 / 1024} MB");

        Assert.True(bytes + BaseImageEstimateBytes + TimeZoneDataBytes < BudgetBytes,
            $"The published backend is {bytes} bytes; the image would exceed {BudgetBytes} bytes.");
    }

    [Fact]
    public async Task Sandbox_runs_as_uid_1000_without_capabilities_with_only_tmp_writable()
    {
        var start = _sandbox.StartInfo(new Dictionary<string, string>(), "sh", "-c",
            "id -u; id -g; grep -E '^(CapEff|CapBnd|NoNewPrivs):' /proc/self/status; " +
            "for path in /app/probe /certs/probe /etc/probe /usr/probe /probe /tmp/probe; do touch $path 2>/dev/null && echo \"writable $path\"; done");

        var result = await ExternalProcess.RunAsync(start, CommandTimeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["1000", "1000", "CapEff:\t0000000000000000", "CapBnd:\t0000000000000000", "NoNewPrivs:\t1", "writable /tmp/probe"],
            result.StandardOutput.Trim().Split('\n'));
    }

    [Fact]
    public async Task Backend_in_the_sandbox_becomes_ready_signs_over_mutual_tls_and_writes_only_under_tmp()
    {
        var before = Snapshot(published.AppDirectory);
        using var backend = ExternalProcess.Start(_sandbox.StartInfo(BackendEnvironment(), ContainerSandbox.DotnetHost, "/app/Supacrypt.Backend.dll"));

        var (grpcPort, healthPort) = await WaitUntilReadyAsync(backend);

        using var channel = TestCertificates.Shared.CreateChannel(new Uri($"https://127.0.0.1:{grpcPort}"), TestCertificates.Shared.Client);
        var client = new SupacryptService.SupacryptServiceClient(channel);
        var generated = await client.GenerateKeyAsync(new GenerateKeyRequest
        {
            Version = 1,
            Name = $"hardening-{Guid.NewGuid():N}",
            Algorithm = KeyAlgorithm.Ecc,
            Parameters = new KeyParameters { EccParams = new ECCParameters { Curve = ECCCurve.P256 } },
        });
        Assert.True(generated.ResultCase == GenerateKeyResponse.ResultOneofCase.Success, generated.ToString());
        var data = ByteString.CopyFromUtf8("signed inside the container's restrictions");
        var signed = await client.SignDataAsync(new SignDataRequest
        {
            Version = 1,
            KeyId = generated.Success.Metadata.Name,
            Data = data,
            Parameters = ContractSignatures.Parameters(ContractHash.Sha256, RSAPaddingScheme.RsaPaddingUnspecified),
        });
        Assert.True(signed.ResultCase == SignDataResponse.ResultOneofCase.Success, signed.ToString());
        Assert.True(ContractSignatures.VerifiesWithDotNet(generated.Success.PublicKey, ContractHash.Sha256, RSAPaddingScheme.RsaPaddingUnspecified,
            data.ToByteArray(), signed.Success.Signature.ToByteArray()));

        // The image's HEALTHCHECK command, run the way the engine runs it: inside the same restrictions.
        var probe = await ExternalProcess.RunAsync(
            _sandbox.StartInfo(BackendEnvironment(), ContainerSandbox.DotnetHost, "/app/Supacrypt.Backend.dll", "--health-probe", $"http://127.0.0.1:{healthPort}/health"),
            CommandTimeout);
        Assert.True(probe.ExitCode == 0, probe.ToString());

        Assert.False(backend.HasExited, backend.Output);
        Assert.DoesNotContain(WriteFailures, failure => backend.Output.Contains(failure, StringComparison.Ordinal));
        Assert.Equal(before, Snapshot(published.AppDirectory));
        output.WriteLine("Written under /tmp: " + string.Join(", ", Directory.EnumerateFileSystemEntries(_sandbox.TemporaryDirectory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(_sandbox.TemporaryDirectory, path))));
    }

    // The image's own ENV lines, with the endpoints moved to free loopback ports for a test machine.
    private Dictionary<string, string> BackendEnvironment()
    {
        var environment = Dockerfile.Parse(RepositoryFiles.Read("Dockerfile")).FinalEnvironment.ToDictionary();
        environment["Kestrel__Endpoints__grpc__Url"] = "https://127.0.0.1:0";
        environment["Kestrel__Endpoints__http__Url"] = "http://127.0.0.1:0";
        environment["ConnectionStrings__keyvault"] = _emulator.VaultUri.ToString();
        environment["KeyVault__Credential"] = "None";
        // The image states no revocation mode: outside Development the operator must.
        environment["Security__RevocationMode"] = "NoCheck";
        environment["Security__Authorization__Clients__0__Subject"] = TestCertificates.Shared.Client.Subject;
        environment["Security__Authorization__Clients__0__Roles__0"] = "Administrator";
        return environment;
    }

    private static async Task<(int Grpc, int Health)> WaitUntilReadyAsync(ExternalProcess backend)
    {
        // A first request compiles the whole request path and may wait out the Key Vault probe; a slow answer is
        // another poll, not a failure, until the deadline.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var deadline = DateTimeOffset.UtcNow + ReadyDeadline;
        while (DateTimeOffset.UtcNow < deadline)
        {
            Assert.False(backend.HasExited, $"The backend exited under the sandbox:\n{backend.Output}");
            var ports = backend.ListeningPorts();
            if (ports.TryGetValue("https", out var grpc) && ports.TryGetValue("http", out var health))
            {
                try
                {
                    using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{health}/health/ready"));
                    if (ready.IsSuccessStatusCode)
                    {
                        return (grpc, health);
                    }
                }
                catch (HttpRequestException)
                {
                    // Listening is logged just before requests are served; the next poll decides.
                }
                catch (TaskCanceledException)
                {
                    // The request timed out: the next poll decides.
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"The backend was not ready within {ReadyDeadline.TotalSeconds} s:\n{backend.Output}");
    }

    private static List<string> Snapshot(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => new FileInfo(path))
            .Select(file => $"{Path.GetRelativePath(directory, file.FullName)} {file.Length} {file.LastWriteTimeUtc:O}")
            .Order()];
}
