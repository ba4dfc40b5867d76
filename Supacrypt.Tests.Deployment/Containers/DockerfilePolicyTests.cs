using System.Text.RegularExpressions;

namespace Supacrypt.Tests.Deployment.Containers;

public sealed class DockerfilePolicyTests
{
    [Theory]
    [InlineData("Dockerfile", new[] { 5000, 8081 })]
    [InlineData("Supacrypt.KeyVaultEmulator/Dockerfile", new[] { 8080 })]
    public void Production_image_keeps_the_policy(string path, int[] ports)
    {
        var violations = DockerfilePolicy.ForProductionImage(Dockerfile.Parse(RepositoryFiles.Read(path)), ports);

        Assert.True(violations.Count == 0, $"{path}:\n{string.Join('\n', violations)}");
    }

    [Fact]
    public void Development_image_runs_as_uid_1000_from_a_pinned_base_without_secrets()
    {
        var violations = DockerfilePolicy.Baseline(Dockerfile.Parse(RepositoryFiles.Read("Dockerfile.dev"))).ToList();

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public void Production_images_build_on_the_builder_platform_and_run_on_the_chiseled_aspnet_runtime()
    {
        foreach (var path in new[] { "Dockerfile", "Supacrypt.KeyVaultEmulator/Dockerfile" })
        {
            var dockerfile = Dockerfile.Parse(RepositoryFiles.Read(path));
            var froms = dockerfile.Instructions.Where(instruction => instruction.Keyword == "FROM").ToList();

            Assert.StartsWith("--platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:", froms[0].Arguments, StringComparison.Ordinal);
            Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0[0-9.]*-noble-chiseled@sha256:[0-9a-f]{64}$", dockerfile.BaseImages.Last());
            // No hard-coded runtime identifier: Buildx's TARGETARCH picks the architecture.
            Assert.DoesNotContain(dockerfile.Instructions, instruction => instruction.Arguments.Contains("linux-x64", StringComparison.Ordinal) ||
                instruction.Arguments.Contains("linux-arm64", StringComparison.Ordinal));
            Assert.Contains(dockerfile.Instructions, instruction => instruction.Keyword == "RUN" && instruction.Arguments.Contains("--arch \"$TARGETARCH\"", StringComparison.Ordinal));
            // The restore layer sees project files only, so source edits do not invalidate it.
            var restore = dockerfile.Instructions.ToList().FindIndex(instruction => instruction.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
            Assert.All(dockerfile.Instructions.Take(restore).Where(instruction => instruction.Keyword == "COPY"),
                copy => Assert.Matches(@"(\.csproj|\.props|global\.json)\s", copy.Arguments + " "));
        }
    }

    [Fact]
    public void Backend_image_defaults_to_mutual_tls_with_certificates_under_certs()
    {
        var environment = string.Join(' ', Dockerfile.Parse(RepositoryFiles.Read("Dockerfile")).FinalStage
            .Where(instruction => instruction.Keyword == "ENV").Select(instruction => instruction.Arguments));

        Assert.Contains("Security__Mode=MutualTls", environment, StringComparison.Ordinal);
        Assert.Contains("Kestrel__Endpoints__grpc__Url=https://+:5000", environment, StringComparison.Ordinal);
        Assert.Contains("Security__ServerCertificatePath=/certs/server.crt", environment, StringComparison.Ordinal);
        Assert.Contains("Security__ServerCertificateKeyPath=/certs/server.key", environment, StringComparison.Ordinal);
        Assert.Contains("Security__ClientCertificateAuthorityPath=/certs/ca.crt", environment, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_rejects_a_single_stage_root_image_from_latest_that_downloads_and_bakes_secrets()
    {
        const string bad = """
            FROM mcr.microsoft.com/dotnet/aspnet:latest
            ADD https://example.com/tool.tar.gz /opt/
            COPY server.key /certs/
            ENV API_TOKEN=abc123
            EXPOSE 80
            ENTRYPOINT ["dotnet", "app.dll"]
            """;

        var violations = DockerfilePolicy.ForProductionImage(Dockerfile.Parse(bad), [5000, 8081]);

        Assert.Contains(violations, violation => violation.Contains("'latest'", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.StartsWith("ADD fetches from a URL", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.StartsWith("COPY puts a private key", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.StartsWith("ENV bakes a secret", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.Contains("root (no USER)", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.Contains("not built in stages", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.Contains("no HEALTHCHECK", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.StartsWith("EXPOSE lists 80", StringComparison.Ordinal));
    }

    [Fact]
    public void Policy_rejects_unpinned_bases_and_shell_form_health_checks()
    {
        const string bad = """
            ARG VERSION
            FROM mcr.microsoft.com/dotnet/sdk AS build
            FROM mcr.microsoft.com/dotnet/aspnet:${VERSION}
            COPY --from=build /app /app
            USER 1000:1000
            HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 CMD curl -f http://localhost:8081/health
            EXPOSE 5000 8081
            """;

        var violations = DockerfilePolicy.ForProductionImage(Dockerfile.Parse(bad), [5000, 8081]);

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, violation => violation.Contains("not pinned by digest", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.Contains("built from an ARG", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.Contains("exec-form", StringComparison.Ordinal));
    }

    [Fact]
    public void Policy_rejects_a_base_built_from_an_arg_or_pinned_by_tag_alone_and_accepts_a_literal_tag_and_digest()
    {
        const string digest = "sha256:48e51f2f6798897be7ac4e775c049ed8fe60d3190f637e1f9c9dc7513efa659c";
        const string template = """
            ARG DOTNET_VERSION=10.0
            FROM {0} AS build
            FROM build AS final
            USER 1000:1000
            """;

        string[] Violations(string image) => [.. DockerfilePolicy.Baseline(Dockerfile.Parse(string.Format(template, image)))];

        Assert.Contains("built from an ARG", Assert.Single(Violations($"mcr.microsoft.com/dotnet/sdk:${{DOTNET_VERSION}}-noble@{digest}")), StringComparison.Ordinal);
        Assert.Contains("not pinned by digest", Assert.Single(Violations("mcr.microsoft.com/dotnet/sdk:10.0-noble")), StringComparison.Ordinal);
        Assert.Contains("no tag", Assert.Single(Violations($"mcr.microsoft.com/dotnet/sdk@{digest}")), StringComparison.Ordinal);
        Assert.Empty(Violations($"--platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble@{digest}"));
    }

    [Fact]
    public void Dependabot_watches_every_directory_that_holds_a_dockerfile()
    {
        var dependabot = RepositoryFiles.Read(".github/dependabot.yml");
        var directories = Directory.EnumerateFiles(RepositoryFiles.Root, "Dockerfile*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) == "Dockerfile" || Path.GetExtension(path) is ".dev" or ".prod")
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, Path.GetDirectoryName(path)!).Replace('\\', '/'))
            .Where(directory => !directory.Split('/').Any(part => part is "bin" or "obj" or "node_modules" || (part.StartsWith('.') && part != ".")))
            .Select(directory => directory == "." ? "/" : "/" + directory)
            .Distinct()
            .ToList();

        Assert.Contains("/", directories);
        Assert.Contains("/Supacrypt.KeyVaultEmulator", directories);
        var docker = dependabot[dependabot.IndexOf("package-ecosystem: docker\n", StringComparison.Ordinal)..];
        docker = docker[..docker.IndexOf("- package-ecosystem", 1, StringComparison.Ordinal)];
        Assert.All(directories, directory => Assert.Matches($@"(?m)^\s+- {Regex.Escape(directory)}$", docker));
    }

    [Fact]
    public void Build_context_leaves_out_build_output_history_secrets_and_local_state()
    {
        var ignored = RepositoryFiles.Read(".dockerignore").ReplaceLineEndings("\n").Split('\n').Select(line => line.Trim()).ToHashSet();

        string[] required = ["**/bin/", "**/obj/", ".git/", ".supacrypt/", ".env", "**/*.key", "**/*.pfx", "**/*.p12", "**/TestResults/", "**/node_modules/"];

        Assert.Empty(required.Except(ignored));
    }
}
