using Supacrypt.Tests.Infrastructure;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// Renders every overlay and optional component once with `kubectl kustomize` and its default load restrictor (as
// `kubectl apply -k`, Argo CD and Flux do), from a copy of deploy/kubernetes in which the git-ignored certificate files
// exist (made by the test, never committed).
public sealed class KustomizeFixture : IAsyncLifetime
{
    public const string Dev = "dev";
    public const string Production = "production";
    public const string ProductionWithCertManager = "production with cert-manager";
    public const string ProductionWithGatewayPassthrough = "production with gateway-tls-passthrough";
    public const string ProductionWithEnvoyGateway = "production with gateway-envoy";

    private static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(2);

    private readonly DirectoryInfo _workspace = Directory.CreateTempSubdirectory("supacrypt-kustomize-");
    private readonly Dictionary<string, RenderedManifests> _renders = [];

    public static string RepositoryRoot => RepositoryFiles.Root;

    public static string KubernetesDirectory { get; } = Path.Combine(RepositoryRoot, "deploy", "kubernetes");

    public static IEnumerable<object[]> Variants => new[] { Dev, Production, ProductionWithCertManager, ProductionWithGatewayPassthrough, ProductionWithEnvoyGateway }.Select(name => new object[] { name });

    public static IEnumerable<object[]> ProductionVariants => new[] { Production, ProductionWithCertManager, ProductionWithGatewayPassthrough, ProductionWithEnvoyGateway }.Select(name => new object[] { name });

    public RenderedManifests this[string variant] => _renders[variant];

    // The copy of the repository (deploy/kubernetes, the Makefile, certificate files) a variant rendered.
    public string Workspace(string variant) => Path.Combine(_workspace.FullName, variant.Replace(' ', '-'));

    public async Task InitializeAsync()
    {
        _renders[Dev] = await RenderAsync(Dev, "dev", edit: null);
        _renders[Production] = await RenderAsync(Production, "production", edit: null);

        // README's way to use cert-manager: swap the production overlay's server-certificate component for it. The
        // certificate files it no longer needs are removed, to prove nothing still reads them.
        _renders[ProductionWithCertManager] = await RenderAsync(
            ProductionWithCertManager, "production", ("  - server-certificate-files\n", "  - ../../components/cert-manager\n"), "server.crt", "server.key");

        // README's way to add a Gateway: one more line in the overlay's components.
        _renders[ProductionWithGatewayPassthrough] = await RenderAsync(
            ProductionWithGatewayPassthrough, "production", ("  - server-certificate-files\n", "  - server-certificate-files\n  - ../../components/gateway-tls-passthrough\n"));
        _renders[ProductionWithEnvoyGateway] = await RenderAsync(
            ProductionWithEnvoyGateway, "production", ("  - server-certificate-files\n", "  - server-certificate-files\n  - ../../components/gateway-envoy\n"));
    }

    public Task DisposeAsync()
    {
        _workspace.Delete(recursive: true);
        return Task.CompletedTask;
    }

    // The command README and kubernetes.mk use, with no load restrictor flag.
    public static async Task<ProcessResult> KustomizeAsync(string directory)
    {
        try
        {
            return await ExternalProcess.RunAsync("kubectl", ["kustomize", directory], null, RenderTimeout);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("These tests render with kubectl (kustomize built in), which is not on PATH.", exception);
        }
    }

    // Copies deploy/kubernetes as it sits in the repository, adds the git-ignored
    // certificate files, applies the README's one-line edit to the overlay, and renders it.
    private async Task<RenderedManifests> RenderAsync(string variant, string overlay, (string Old, string New)? edit, params string[] withoutCertificates)
    {
        var root = Directory.CreateDirectory(Workspace(variant)).FullName;
        var kubernetes = Path.Combine(root, "deploy", "kubernetes");
        CopyDirectory(KubernetesDirectory, kubernetes);
        File.Copy(Path.Combine(RepositoryRoot, "Makefile"), Path.Combine(root, "Makefile"));
        ClusterCertificateFiles.Write(Path.Combine(kubernetes, "overlays", "dev", "certs"));
        var production = Path.Combine(kubernetes, "overlays", "production");
        ClusterCertificateFiles.Write(Path.Combine(production, "certs"));
        var serverFiles = Path.Combine(production, "server-certificate-files");
        foreach (var file in new[] { "server.crt", "server.key" })
        {
            File.Move(Path.Combine(production, "certs", file), Path.Combine(serverFiles, file));
            if (withoutCertificates.Contains(file))
            {
                File.Delete(Path.Combine(serverFiles, file));
            }
        }

        var directory = Path.Combine(kubernetes, "overlays", overlay);
        if (edit is { } line)
        {
            var kustomization = Path.Combine(directory, "kustomization.yaml");
            var text = await File.ReadAllTextAsync(kustomization);
            Assert.Contains(line.Old, text);
            await File.WriteAllTextAsync(kustomization, text.Replace(line.Old, line.New, StringComparison.Ordinal));
        }

        var result = await KustomizeAsync(directory);
        Assert.True(result.ExitCode == 0, $"kubectl kustomize failed for {variant}: {result}");
        return RenderedManifests.Load(variant, result.StandardOutput);
    }

    // An operator's own certificate files (git-ignored) stay where they are.
    private static void CopyDirectory(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                     .Where(file => !Path.GetRelativePath(source, file).Split(Path.DirectorySeparatorChar).Contains("certs")
                                    && Path.GetExtension(file) is not (".crt" or ".key" or ".crl")))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KustomizeTestGroup : ICollectionFixture<KustomizeFixture>
{
    public const string Name = "Kubernetes manifests";
}
