using System.Text.Json.Nodes;

namespace Supacrypt.Tests.Deployment.Azure;

// The function the app's template applies to its authorizedClients parameter, evaluated by the Bicep compiler itself:
// a .bicepparam file is folded to literal values at build time, so importing the function there and calling it on a
// sample list yields the exact container settings a deployment with that list gets.
public sealed class AuthorizedClientsTests
{
    [Fact]
    public async Task Each_caller_becomes_indexed_subject_thumbprint_role_and_key_prefix_settings()
    {
        var settings = await EvaluateAsync("""
            [
              {"subject": "CN=signer, O=O'Reilly", "roles": ["CryptoUser"], "keyPrefixes": ["app-", "web-"]},
              {"thumbprint": "0A1B", "roles": ["Administrator", "CryptoUser"]}
            ]
            """);

        Assert.Equal(
            [
                ("Security__Authorization__Clients__0__Subject", "CN=signer, O=O'Reilly"),
                ("Security__Authorization__Clients__0__Roles__0", "CryptoUser"),
                ("Security__Authorization__Clients__0__KeyPrefixes__0", "app-"),
                ("Security__Authorization__Clients__0__KeyPrefixes__1", "web-"),
                ("Security__Authorization__Clients__1__Thumbprint", "0A1B"),
                ("Security__Authorization__Clients__1__Roles__0", "Administrator"),
                ("Security__Authorization__Clients__1__Roles__1", "CryptoUser"),
            ],
            settings);
    }

    [Fact]
    public async Task An_empty_list_grants_nobody()
    {
        Assert.Empty(await EvaluateAsync("[]"));
    }

    private static async Task<List<(string Name, string Value)>> EvaluateAsync(string clientsJson)
    {
        var directory = Directory.CreateTempSubdirectory("supacrypt-authorized-clients-");
        try
        {
            File.Copy(RepositoryFiles.PathOf(AzureTemplatesFixture.AuthorizedClientsPath), Path.Combine(directory.FullName, "authorized-clients.bicep"));
            await File.WriteAllTextAsync(
                Path.Combine(directory.FullName, "sample.bicep"),
                "param settings array\noutput settings array = settings\n");
            var parametersFile = Path.Combine(directory.FullName, "sample.bicepparam");
            await File.WriteAllTextAsync(parametersFile, $$"""
                using 'sample.bicep'

                import { authorizationEnvironment } from 'authorized-clients.bicep'

                param settings = authorizationEnvironment(json('''{{clientsJson}}'''))
                """);

            var compiled = await Bicep.BuildParamsAsync(parametersFile);
            var value = JsonNode.Parse(compiled["parametersJson"]!.GetValue<string>())!["parameters"]!["settings"]!["value"]!;

            return value.AsArray()
                .Select(setting => (setting!["name"]!.GetValue<string>(), setting["value"]!.GetValue<string>()))
                .ToList();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
