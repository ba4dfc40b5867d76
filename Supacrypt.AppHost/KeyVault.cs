namespace Supacrypt.AppHost;

// The key store as a service sees it: a resource to wait for, and the vault URI it finds in ConnectionStrings:{Name}.
// Emulator is the process behind it when the AppHost runs one.
internal sealed record KeyVault(
    string Name,
    IResourceBuilder<IResource> Resource,
    ReferenceExpression VaultUri,
    IResourceBuilder<ProjectResource>? Emulator = null);

internal static class KeyVaultBuilderExtensions
{
    private const string EmulatorLaunchProfile = "http";
    private const string EmulatorEndpoint = "http";
    private const string EmulatorHealthPath = "/health";

    // Runs the Key Vault REST double from its "http" launch profile. It speaks Key Vault's protocol, so the backend
    // keeps its one code path; it is a development double and never a production key store.
    public static KeyVault AddKeyVaultEmulator<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var emulator = builder.AddProject<TProject>(name, launchProfileName: EmulatorLaunchProfile)
            .WithHttpHealthCheck(EmulatorHealthPath, endpointName: EmulatorEndpoint)
            // Services here run with KeyVault:Credential=None and send no bearer token.
            .WithEnvironment("Emulator__RequireAuthentication", "false");

        return new(name, emulator, ReferenceExpression.Create($"{emulator.GetEndpoint(EmulatorEndpoint)}"), emulator);
    }

    // Aspire's own WithReference writes ConnectionStrings__{name} only for connection-string resources; the emulator is
    // a project, so the URI is passed the same way for both.
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> service, KeyVault keyvault)
        where T : IResourceWithEnvironment =>
        service
            .WithEnvironment($"ConnectionStrings__{keyvault.Name}", keyvault.VaultUri)
            .WithReferenceRelationship(keyvault.Resource);
}
