using Microsoft.Extensions.Configuration;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// The configuration a backend container ends up with: its appsettings.json overlaid by its environment, as the host
// builds it (environment variables win; "__" separates sections).
internal static class BackendConfiguration
{
    public static IConfiguration For(IReadOnlyDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(KustomizeFixture.RepositoryRoot, "Supacrypt.Backend", "appsettings.json"), optional: false)
            .AddInMemoryCollection(environment.Select(variable =>
                new KeyValuePair<string, string?>(variable.Key.Replace("__", ":", StringComparison.Ordinal), variable.Value)))
            .Build();

    public static KestrelUrl EndpointUrl(this IConfiguration configuration, string endpoint) =>
        KestrelUrl.Parse(configuration[$"Kestrel:Endpoints:{endpoint}:Url"] ?? throw new Xunit.Sdk.XunitException($"Kestrel endpoint {endpoint} has no Url."));

    public static string? EndpointProtocols(this IConfiguration configuration, string endpoint) =>
        configuration[$"Kestrel:Endpoints:{endpoint}:Protocols"];
}
