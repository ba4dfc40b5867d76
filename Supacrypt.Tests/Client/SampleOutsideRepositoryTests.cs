using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Supacrypt.Tests.Cli;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.Tests.Interop;
using Supacrypt.Tests.Observability;

namespace Supacrypt.Tests.Client;

// What a .NET developer outside this repository does: packs Supacrypt.Client into a local folder, builds the sample
// consumer from a copy elsewhere against that package, runs it against a backend, and checks its signature with openssl.
// Packing and building take most of a minute of child processes, so this class has a backend of its own rather than
// joining the shared backend's collection: xUnit runs it beside that collection instead of after it.
public sealed partial class SampleOutsideRepositoryTests(BackendFixture backend) : IClassFixture<BackendFixture>, IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly string[] PackedProjects = ["Supacrypt.Contracts", "Supacrypt.Client"];
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task The_sample_built_outside_the_repository_from_the_packed_client_signs_what_openssl_verifies()
    {
        var version = $"0.0.0-sample.{Guid.NewGuid():N}";
        var feed = _directory.File("feed");
        // Both packages come from the build this test runs in (--no-build), so neither pack waits for the other.
        await Task.WhenAll(PackedProjects.Select(project =>
            DotnetAsync(RepositoryFiles.Root, "pack", Path.Combine(RepositoryFiles.Root, project, $"{project}.csproj"), "--no-build", "-c", Configuration,
                "-o", feed, $"-p:Version={version}")));

        var application = CopySample(_directory.File("app"));
        await DotnetAsync(application, "build", "-c", "Release", $"-p:SupacryptClientVersion={version}", $"-p:RestoreAdditionalProjectSources={feed}",
            // The package under test lands in this run's folder, never in the machine's package cache.
            $"-p:RestorePackagesPath={_directory.File("packages")}", $"-p:RestoreFallbackFolders={GlobalPackages}");

        // The content root is the working directory: the sample's own output, not the test's (which holds the backend's appsettings.json).
        var output = Path.Combine(application, "bin", "Release", "net10.0");
        await using var sample = ExternalProcess.Start("dotnet", [Path.Combine(output, "Supacrypt.Sample.Api.dll")], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Supacrypt__Client__Endpoint"] = backend.GrpcUri.ToString(),
            ["Supacrypt__Client__CertificateAuthorityPath"] = TestCertificates.Shared.AuthorityPath,
            ["Supacrypt__Client__CertificatePath"] = CliConnection.CertificatePath,
            ["Supacrypt__Client__KeyPath"] = CliConnection.KeyPath,
        }, output);
        var address = await sample.WaitForOutputAsync(line => ListeningAddress().Match(line) is { Success: true } match ? new Uri(match.Groups[1].Value) : null, StartTimeout);
        var key = await backend.SharedKeyAsync(TestKey.P256);
        var data = _directory.File(_directory.Write("data.bin", "signed by a consumer outside the repository"u8.ToArray()));
        using var http = new HttpClient { BaseAddress = address, Timeout = StartTimeout };

        using var response = await http.PostAsync(new Uri($"/sign/{key.Metadata.Name}", UriKind.Relative), new ByteArrayContent(File.ReadAllBytes(data)));

        Assert.True(response.IsSuccessStatusCode, $"{await response.Content.ReadAsStringAsync()} {sample.Transcript()}");
        var signed = await response.Content.ReadFromJsonAsync<JsonElement>();
        File.WriteAllText(_directory.File("public.pem"), signed.GetProperty("publicKeyPem").GetString());
        _directory.Write("signature.der", Convert.FromBase64String(signed.GetProperty("signatureDer").GetString()!));
        var verified = await _directory.OpenSslCheckedAsync("dgst", "-sha256", "-verify", "public.pem", "-signature", "signature.der", "data.bin");
        Assert.Contains("Verified OK", verified.StandardOutput, StringComparison.Ordinal);
    }

    private static string Configuration => typeof(SampleOutsideRepositoryTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    private static string GlobalPackages => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string CopySample(string destination)
    {
        var source = Path.Combine(RepositoryFiles.Root, "samples", "Supacrypt.Sample.Api");
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.TopDirectoryOnly))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        return destination;
    }

    private static async Task DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var result = await ExternalProcess.RunAsync("dotnet", arguments, workingDirectory, BuildTimeout);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', arguments)}: {result}");
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningAddress();

    public void Dispose() => _directory.Dispose();
}
