using System.Runtime.InteropServices;
using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Deployment.Containers;

[CollectionDefinition(Name)]
public sealed class PublishedBackendTests : ICollectionFixture<PublishedBackendFixture>
{
    public const string Name = "Published backend";
}

/// <summary>
/// The backend published once per test run exactly as the image's build stage publishes it (Release,
/// framework-dependent, the machine's architecture, no apphost), into a temporary folder; build intermediates go
/// to a separate artifacts folder so the source tree's obj/ stays the test build's.
/// </summary>
public sealed class PublishedBackendFixture : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private DirectoryInfo? _root;

    public string Root => _root?.FullName ?? throw new InvalidOperationException("The backend has not been published.");

    public string AppDirectory => Path.Combine(Root, "app");

    public long PublishedBytes => new DirectoryInfo(AppDirectory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);

    public async Task InitializeAsync()
    {
        _root = Directory.CreateTempSubdirectory("supacrypt-published-");
        var architecture = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        string[] arguments =
        [
            "publish", RepositoryFiles.PathOf(Path.Combine("Supacrypt.Backend", "Supacrypt.Backend.csproj")),
            "--configuration", "Release", "--arch", architecture, "--no-self-contained", "-p:UseAppHost=false",
            "--artifacts-path", Path.Combine(Root, "artifacts"), "--output", AppDirectory,
        ];

        var result = await ExternalProcess.RunAsync("dotnet", arguments, Root, PublishTimeout);

        Assert.True(result.ExitCode == 0, $"dotnet publish failed: {result}");
    }

    public Task DisposeAsync()
    {
        _root?.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
