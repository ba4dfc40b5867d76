using YamlDotNet.RepresentationModel;

namespace Supacrypt.Tests.Deployment.Azure;

// azure.yaml is what `azd up` reads first: one service, the AppHost, hosted on Container Apps.
public sealed class AzureYamlTests
{
    [Fact]
    public void Azure_yaml_deploys_the_apphost_as_the_app_service_on_container_apps()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(RepositoryFiles.PathOf("azure.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
        var services = (YamlMappingNode)root["services"];
        var app = (YamlMappingNode)Assert.Single(services.Children).Value;

        Assert.Equal("supacrypt", Scalar(root, "name"));
        Assert.Equal("app", ((YamlScalarNode)Assert.Single(services.Children).Key).Value);
        Assert.Equal("dotnet", Scalar(app, "language"));
        Assert.Equal("containerapp", Scalar(app, "host"));
        var project = Path.GetFullPath(Path.Combine(RepositoryFiles.Root, Scalar(app, "project")));
        Assert.Equal(RepositoryFiles.PathOf(Path.Combine("Supacrypt.AppHost", "Supacrypt.AppHost.csproj")), project);
        Assert.True(File.Exists(project), $"azure.yaml names {project}, which does not exist.");
    }

    [Fact]
    public void Azd_finds_the_backends_parameters_template_beside_its_module_where_it_looks()
    {
        // azd reads <AppHost directory>/infra/<project>/<project>.tmpl.bicepparam and the module file named by it.
        var appHost = RepositoryFiles.PathOf("Supacrypt.AppHost");
        var parameters = Path.Combine(appHost, "infra", "backend", "backend.tmpl.bicepparam");

        Assert.StartsWith("using './backend.module.bicep'", File.ReadAllText(parameters), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(appHost, "infra", "backend", "backend.module.bicep")));
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
