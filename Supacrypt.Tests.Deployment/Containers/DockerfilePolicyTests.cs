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
            Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0[0-9.]*-noble-chiseled$", dockerfile.BaseImages.Last());
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
        Assert.Contains(violations, violation => violation.Contains("neither tag nor digest", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.Contains("ARG without a default", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.Contains("exec-form", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_context_leaves_out_build_output_history_secrets_and_local_state()
    {
        var ignored = RepositoryFiles.Read(".dockerignore").ReplaceLineEndings("\n").Split('\n').Select(line => line.Trim()).ToHashSet();

        string[] required = ["**/bin/", "**/obj/", ".git/", ".supacrypt/", ".env", "**/*.key", "**/*.pfx", "**/*.p12", "**/TestResults/", "**/node_modules/"];

        Assert.Empty(required.Except(ignored));
    }
}
