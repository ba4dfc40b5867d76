using YamlDotNet.RepresentationModel;

namespace Supacrypt.Tests.Deployment.Containers;

public sealed class ComposeFileTests
{
    private static readonly string[] HardenedServices = ["backend"];

    [Fact]
    public async Task Base_file_validates_with_docker_compose()
    {
        var result = await ComposeConfig.ValidateAsync(ComposeConfig.BaseFile);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Dev_overlay_validates_on_top_of_the_base_file()
    {
        var result = await ComposeConfig.ValidateAsync(ComposeConfig.BaseFile, ComposeConfig.DevOverlay);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Docker_compose_rejects_a_file_with_an_unknown_option()
    {
        var directory = Directory.CreateTempSubdirectory("supacrypt-compose-");
        try
        {
            var file = Path.Combine(directory.FullName, "docker-compose.yml");
            await File.WriteAllTextAsync(file, "services:\n  app:\n    image: example:1.0\n    cap_dorp: [ALL]\n");

            var result = await ComposeConfig.ValidateAsync(file);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("cap_dorp", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Backend_runs_read_only_without_capabilities_within_limits()
    {
        var model = await ComposeConfig.ResolveBaseAsync();

        foreach (var name in HardenedServices)
        {
            var service = ComposeConfig.Service(model, name);
            Assert.Equal("true", ComposeConfig.Scalar(service, "read_only"));
            Assert.Equal(["/tmp"], ComposeConfig.Sequence(service, "tmpfs"));
            Assert.Equal(["ALL"], ComposeConfig.Sequence(service, "cap_drop"));
            Assert.Contains("no-new-privileges:true", ComposeConfig.Sequence(service, "security_opt"));
            Assert.Equal("1000:1000", ComposeConfig.Scalar(service, "user"));
            Assert.Equal("0.5", ComposeConfig.Scalar(service, "deploy", "resources", "limits", "cpus"));
            Assert.Equal("512M", ComposeConfig.Scalar(service, "deploy", "resources", "limits", "memory"));
            Assert.Equal("0.25", ComposeConfig.Scalar(service, "deploy", "resources", "reservations", "cpus"));
            Assert.Equal("256M", ComposeConfig.Scalar(service, "deploy", "resources", "reservations", "memory"));
        }
    }

    [Fact]
    public async Task Every_service_has_a_health_check_and_waits_for_healthy_dependencies()
    {
        var model = await ComposeConfig.ResolveBaseAsync();
        var services = (YamlMappingNode)model["services"];

        Assert.Equal(["backend", "otel-collector"], services.Children.Keys.Select(key => key.ToString()).Order());
        foreach (var (name, node) in services.Children)
        {
            var service = (YamlMappingNode)node;
            Assert.True(service.Children.ContainsKey(new YamlScalarNode("healthcheck")), $"{name} has no health check");
            if (service.Children.TryGetValue(new YamlScalarNode("depends_on"), out var dependencies))
            {
                Assert.All(((YamlMappingNode)dependencies).Children.Values,
                    dependency => Assert.Equal("service_healthy", ComposeConfig.Scalar(dependency, "condition")));
            }
        }
    }

    // Production runs against the vault in KEYVAULT_URI: no emulator, no namespace borrowed from one.
    [Fact]
    public async Task Production_runs_without_the_emulator_and_the_dev_overlay_puts_it_on_the_backends_loopback()
    {
        var production = ComposeConfig.Service(await ComposeConfig.ResolveBaseAsync(), "backend");
        var development = await ComposeConfig.ResolveAsync(ComposeConfig.BaseFile, ComposeConfig.DevOverlay);
        var emulator = ComposeConfig.Service(development, "keyvault");
        var developmentBackend = ComposeConfig.Service(development, "backend");

        Assert.Null(ComposeConfig.Scalar(production, "network_mode"));
        Assert.True(production.Children.ContainsKey(new YamlScalarNode("networks")), "The backend joins the stack's own network.");
        Assert.Equal("https://replace-with-your-vault.vault.azure.net/", ComposeConfig.Scalar(production, "environment", "ConnectionStrings__keyvault"));
        Assert.NotEqual("None", ComposeConfig.Scalar(production, "environment", "KeyVault__Credential"));
        Assert.Equal("service:backend", ComposeConfig.Scalar(emulator, "network_mode"));
        var emulatorUrl = new Uri(ComposeConfig.Scalar(emulator, "environment", "ASPNETCORE_URLS")!);
        var vault = new Uri(ComposeConfig.Scalar(developmentBackend, "environment", "ConnectionStrings__keyvault")!);
        Assert.True(vault.IsLoopback && emulatorUrl.IsLoopback && vault.Port == emulatorUrl.Port, $"{vault} is not the emulator's {emulatorUrl}");
        Assert.Equal("None", ComposeConfig.Scalar(developmentBackend, "environment", "KeyVault__Credential"));
    }

    [Fact]
    public async Task Grpc_is_published_and_the_collectors_prometheus_port_only_on_the_hosts_loopback()
    {
        var model = await ComposeConfig.ResolveBaseAsync();
        var published = ((YamlMappingNode)model["services"]).Children
            .Where(service => ((YamlMappingNode)service.Value).Children.ContainsKey(new YamlScalarNode("ports")))
            .SelectMany(service => ((YamlSequenceNode)service.Value["ports"]).Select(port => (Service: service.Key.ToString(), Port: port)))
            .Select(item => item.Port is YamlScalarNode text ? $"{item.Service} {text.Value}" : $"{item.Service} {ComposeConfig.Scalar(item.Port, "published")}:{ComposeConfig.Scalar(item.Port, "target")}")
            .Order()
            .ToList();

        Assert.Equal(["backend 5000:5000", "otel-collector 127.0.0.1:8888:8888/tcp"], published);
    }

    // The audit trail survives any SUPACRYPT_LOG_LEVEL.
    [Fact]
    public async Task Backend_joins_the_group_that_owns_the_key_files_as_the_makefile_finds_it()
    {
        var backend = ComposeConfig.Service(await ComposeConfig.ResolveBaseAsync(), "backend");

        // Without the variable, UID 1000's own group; `make run-dev` and `make compose-up` pass the key file's group,
        // so keys written by root or by another user are still readable by the container user and by no one else.
        Assert.Equal(["1000"], ComposeConfig.Sequence(backend, "group_add"));
        Assert.Contains("\"${SUPACRYPT_PKI_GID:-1000}\"", File.ReadAllText(RepositoryFiles.PathOf("docker-compose.yml")), StringComparison.Ordinal);
        var makefile = File.ReadAllLines(RepositoryFiles.PathOf("Makefile"));
        Assert.Contains(makefile, line => line.StartsWith("PKI_GID = $$(stat -c %g $(PKI_DIR)/server.key", StringComparison.Ordinal));
        Assert.Equal(2, makefile.Count(line => line.Contains("SUPACRYPT_PKI_GID=$(PKI_GID) $(COMPOSE)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_audit_category_is_pinned_at_information()
    {
        var backend = ComposeConfig.Service(await ComposeConfig.ResolveBaseAsync(), "backend");

        Assert.Equal("Information", ComposeConfig.Scalar(backend, "environment", "Logging__LogLevel__Supacrypt.Audit"));
    }

    [Fact]
    public async Task Backend_gets_mutual_tls_settings_and_only_the_public_certificate_files_read_only_under_certs()
    {
        var backend = ComposeConfig.Service(await ComposeConfig.ResolveBaseAsync(), "backend");

        Assert.Equal("MutualTls", ComposeConfig.Scalar(backend, "environment", "Security__Mode"));
        Assert.Equal("https://+:5000", ComposeConfig.Scalar(backend, "environment", "Kestrel__Endpoints__grpc__Url"));
        // docker-compose writes each mount as host:container:mode, the host path made absolute.
        var mounts = ((YamlSequenceNode)backend["volumes"]).Select(mount => ((YamlScalarNode)mount).Value!.Split(':')).ToList();
        Assert.Equal(["/certs/ca.crl", "/certs/ca.crt", "/certs/server.crt", "/certs/server.key"], mounts.Select(mount => mount[^2]).Order());
        Assert.All(mounts, mount => Assert.Equal("ro", mount[^1]));
        Assert.All(mounts, mount => Assert.Equal(
            Path.Combine(RepositoryFiles.Root, ".supacrypt", "dev-pki", Path.GetFileName(mount[^2])),
            string.Join(':', mount[..^2])));
    }

    [Theory]
    [InlineData(ComposeConfig.BaseFile)]
    [InlineData(ComposeConfig.DevOverlay)]
    public void Host_paths_are_relative_so_any_host_os_works(string file)
    {
        var hostPaths = RepositoryFiles.Read(file).ReplaceLineEndings("\n").Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("- ", StringComparison.Ordinal) && line.Contains(":/", StringComparison.Ordinal) && !line.Contains("://", StringComparison.Ordinal))
            .Select(line => line[2..].Split(":/")[0])
            .ToList();

        Assert.NotEmpty(hostPaths);
        Assert.All(hostPaths, path => Assert.Matches(@"^(\.|\$\{SUPACRYPT_PKI_DIR:-\./|[a-z-]+$)", path));
    }
}
