using k8s.Models;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// Every ConfigMap key and environment variable a manifest gives a Supacrypt container is a setting that container
// binds, with a value it accepts: the configuration binder ignores unknown keys, so a typo would fail only in a cluster.
[Collection(KustomizeTestGroup.Name)]
public sealed class SettingsTests(KustomizeFixture fixture)
{
    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Every_backend_setting_is_one_the_backend_binds(string variant)
    {
        var environment = fixture[variant].Environment(fixture[variant].BackendContainerSpec);

        var problems = environment.Select(variable => ServiceSettings.Backend.Problem(variable.Key, variable.Value)).OfType<string>().ToList();

        Assert.True(problems.Count == 0, $"{variant}:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void Every_emulator_setting_is_one_the_emulator_binds()
    {
        var emulator = fixture[KustomizeFixture.Dev].Deployment("supacrypt-keyvault-emulator").Spec.Template.Spec.Containers.Single();

        var problems = fixture[KustomizeFixture.Dev].Environment(emulator)
            .Select(variable => ServiceSettings.Emulator.Problem(variable.Key, variable.Value)).OfType<string>().ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [InlineData("KeyVault__Credentials", "WorkloadIdentity")]
    [InlineData("KeyVault__Credential", "Workload")]
    [InlineData("KeyVault__NetworkTimeout", "fifteen seconds")]
    [InlineData("Security__ServerCertificate", "/certs/server.crt")]
    [InlineData("Kestrel__Endpoints__api__Url", "http://+:5000")]
    [InlineData("ConnectionStrings__vault", "https://example.vault.azure.net/")]
    public void A_misnamed_setting_or_a_value_the_backend_refuses_is_reported(string variable, string value)
    {
        Assert.NotNull(ServiceSettings.Backend.Problem(variable, value));
    }

    [Theory]
    [InlineData("KeyVault__Credential", "WorkloadIdentity")]
    [InlineData("KeyVault__NetworkTimeout", "00:00:15")]
    [InlineData("Security__ClientCertificateAuthorityPath", "/certs/ca.crt")]
    [InlineData("Kestrel__Endpoints__grpc__Url", "https://+:5000")]
    public void A_setting_the_backend_binds_passes(string variable, string value)
    {
        Assert.Null(ServiceSettings.Backend.Problem(variable, value));
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Certificate_settings_name_files_the_mounted_secrets_provide(string variant)
    {
        var rendered = fixture[variant];
        var environment = rendered.Environment(rendered.BackendContainerSpec);
        var mount = rendered.BackendContainerSpec.VolumeMounts.Single(item => item.Name == "certs");
        var volume = rendered.Deployment(RenderedManifests.Backend).Spec.Template.Spec.Volumes.Single(item => item.Name == "certs");
        var files = volume.Projected.Sources.SelectMany(source => source.Secret.Items.Select(item => $"{mount.MountPath}/{item.Path}")).ToHashSet();
        var secretNames = volume.Projected.Sources.Select(source => source.Secret.Name).ToList();

        var paths = environment.Where(variable => variable.Key.StartsWith("Security__", StringComparison.Ordinal) && variable.Value.StartsWith('/')).ToList();
        Assert.All(paths, variable => Assert.Contains(variable.Value, files));
        Assert.Equal(files.Order(), paths.Select(variable => variable.Value).Order());
        Assert.Contains("/certs/server.key", files);
        Assert.Contains("/certs/ca.crt", files);
        foreach (var name in secretNames)
        {
            var secret = rendered.All<V1Secret>().SingleOrDefault(item => item.Metadata.Name == name);
            var certificate = rendered.All<CertManagerCertificate>().SingleOrDefault(item => item.Spec.SecretName == name);
            Assert.True(secret is not null ^ certificate is not null, $"{variant}: Secret {name} must come from exactly one of a generator or cert-manager.");
        }
    }
}
