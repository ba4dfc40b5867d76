using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Supacrypt.Tests.Deployment.Azure;

// backend.tmpl.bicepparam is a Go template azd renders with its environment (provisioning's outputs plus what the
// operator set) and the image it pushed, then compiles beside backend.module.bicep. This does the same offline.
[Collection(AzureTemplatesGroup.Name)]
public sealed partial class ContainerAppParametersTests(AzureTemplatesFixture templates)
{
    // Set by the operator with `azd env set`, not by provisioning.
    private const string OperatorSetting = "SUPACRYPT_CLIENT_CA";
    private const string OperatorCrlUrl = "SUPACRYPT_CRL_URL";
    private const string OperatorCallers = "SUPACRYPT_AUTHORIZED_CLIENTS";
    private const string Callers = """[{"subject":"CN=supacrypt-signer, O=O'Reilly","roles":["CryptoUser"],"keyPrefixes":["app-"]}]""";
    private const string CrlUrl = "http://pki.contoso.com/ca.crl";
    private const string Image = "crexample.azurecr.io/supacrypt/backend-prod:azd-deploy-1";

    private static readonly Dictionary<string, string> ProvisioningSamples = new(StringComparer.Ordinal)
    {
        ["SUPACRYPT_KEY_TYPE"] = "Software",
        ["AZURE_CONTAINER_APPS_INFRASTRUCTURE_SUBNET_PREFIX"] = "10.40.0.0/23",
        ["KEYVAULT_VAULTURI"] = "https://kvexample.vault.azure.net/",
    };

    [Fact]
    public void Template_reads_only_provisioning_outputs_and_the_operators_client_ca_crl_url_and_callers()
    {
        var outputs = templates.Provisioning["outputs"]!.AsObject().Select(output => output.Key).ToHashSet(StringComparer.Ordinal);

        var unknown = EnvironmentNames(ReadTemplate()).Where(name => name is not (OperatorSetting or OperatorCrlUrl or OperatorCallers) && !outputs.Contains(name));

        Assert.Empty(unknown);
    }

    [Fact]
    public async Task Rendered_as_azd_renders_it_the_parameters_compile_against_the_module_and_supply_every_required_one()
    {
        var directory = Directory.CreateTempSubdirectory("supacrypt-bicepparam-");
        try
        {
            var clientCa = CreateClientCaPem();
            File.Copy(RepositoryFiles.PathOf(AzureTemplatesFixture.ContainerAppPath), Path.Combine(directory.FullName, "backend.module.bicep"));
            File.Copy(RepositoryFiles.PathOf(AzureTemplatesFixture.AuthorizedClientsPath), Path.Combine(directory.FullName, "authorized-clients.bicep"));
            var parametersFile = Path.Combine(directory.FullName, "main.bicepparam");
            await File.WriteAllTextAsync(parametersFile, Render(ReadTemplate(), clientCa));

            var compiled = await Bicep.BuildParamsAsync(parametersFile);
            var parameters = JsonNode.Parse(compiled["parametersJson"]!.GetValue<string>())!["parameters"]!.AsObject();

            var required = templates.ContainerApp["parameters"]!.AsObject()
                .Where(parameter => parameter.Value!["defaultValue"] is null)
                .Select(parameter => parameter.Key);
            Assert.All(required, name => Assert.NotNull(parameters[name]));
            Assert.Equal(Image, parameters["containerImage"]!["value"]!.GetValue<string>());
            Assert.Equal(clientCa, parameters["clientCaCertificates"]!["value"]!.GetValue<string>());
            Assert.Equal(CrlUrl, parameters["certificateRevocationListUrl"]!["value"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Callers), parameters["authorizedClients"]!["value"]));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string ReadTemplate() => File.ReadAllText(RepositoryFiles.PathOf(AzureTemplatesFixture.ContainerAppParametersPath));

    private static IEnumerable<string> EnvironmentNames(string template) =>
        EnvironmentReference().Matches(template).Select(match => match.Groups[1].Value).Distinct();

    private static string Render(string template, string clientCa)
    {
        var rendered = EnvironmentReference().Replace(template, match => match.Groups[1].Value switch
        {
            OperatorSetting => clientCa,
            OperatorCrlUrl => CrlUrl,
            OperatorCallers => Callers,
            var name => ProvisioningSamples.GetValueOrDefault(name, $"/subscriptions/0000/resourceGroups/rg-prod/{name}"),
        });
        rendered = rendered.Replace("{{ .Image }}", Image, StringComparison.Ordinal);

        Assert.DoesNotContain("{{", rendered, StringComparison.Ordinal);
        return rendered;
    }

    private static string CreateClientCaPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Supacrypt test client CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }

    [GeneratedRegex(@"\{\{ \.Env\.([A-Z0-9_]+) \}\}")]
    private static partial Regex EnvironmentReference();
}
