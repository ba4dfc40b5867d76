using Supacrypt.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Supacrypt.Tests.Deployment.Containers;

/// <summary>Debian's docker-compose (v1.29) validates and merges compose files without a Docker engine.</summary>
internal static class ComposeConfig
{
    public const string BaseFile = "docker-compose.yml";
    public const string DevOverlay = "docker-compose.dev.yml";

    // docker-compose is a Python program; on a machine busy with the rest of the test run it starts slowly.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly Lazy<Task<YamlMappingNode>> BaseModel = new(() => ResolveAsync(BaseFile));

    /// <summary>The base file's resolved model, resolved once for all the tests that read it.</summary>
    public static Task<YamlMappingNode> ResolveBaseAsync() => BaseModel.Value;

    public static Task<ProcessResult> ValidateAsync(params string[] files) =>
        RunAsync(files, "--quiet");

    /// <summary>The merged, interpolated model as docker-compose resolves it.</summary>
    public static async Task<YamlMappingNode> ResolveAsync(params string[] files)
    {
        var result = await RunAsync(files);
        Assert.True(result.ExitCode == 0, $"docker-compose config failed: {result}");
        var stream = new YamlStream();
        stream.Load(new StringReader(result.StandardOutput));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlMappingNode Service(YamlMappingNode model, string name) =>
        (YamlMappingNode)((YamlMappingNode)model["services"])[name];

    public static string? Scalar(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return (node as YamlScalarNode)?.Value;
    }

    public static IReadOnlyList<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode sequence
            ? sequence.Children.Select(item => ((YamlScalarNode)item).Value!).ToList()
            : [];

    private static async Task<ProcessResult> RunAsync(string[] files, params string[] options)
    {
        // The committed .env.example, not a developer's own .env, supplies the variables.
        string[] arguments = ["--env-file", ".env.example", .. files.SelectMany(file => new[] { "--file", file }), "config", .. options];
        try
        {
            return await ExternalProcess.RunAsync("docker-compose", arguments, RepositoryFiles.Root, Timeout);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("docker-compose is not installed; `apt-get install docker-compose` (.ci/run does).", exception);
        }
    }
}
