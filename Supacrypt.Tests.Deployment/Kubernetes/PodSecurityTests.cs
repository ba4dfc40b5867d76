using k8s.Models;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// Pod Security "restricted" (https://kubernetes.io/docs/concepts/security/pod-security-standards/), checked on every
// rendered pod template, plus what the design adds: read-only root filesystem and UID/GID 1000 for Supacrypt's images.
[Collection(KustomizeTestGroup.Name)]
public sealed class PodSecurityTests(KustomizeFixture fixture)
{
    private const string SupacryptImages = "ghcr.io/supacrypt/";

    private static readonly HashSet<string> RestrictedVolumeTypes =
        ["ConfigMap", "Secret", "EmptyDir", "Projected", "DownwardAPI", "PersistentVolumeClaim", "Csi", "Ephemeral"];

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Every_pod_meets_the_restricted_pod_security_profile(string variant)
    {
        foreach (var deployment in fixture[variant].All<V1Deployment>())
        {
            var pod = deployment.Spec.Template.Spec;
            var name = deployment.Metadata.Name;
            Assert.True(pod.HostNetwork is not true && pod.HostPID is not true && pod.HostIPC is not true, $"{name} shares a host namespace.");
            Assert.True(pod.AutomountServiceAccountToken is false, $"{name} mounts a Kubernetes API token it never uses.");
            foreach (var volume in pod.Volumes ?? [])
            {
                Assert.True(RestrictedVolumeTypes.Contains(VolumeType(volume)), $"{name} mounts a {VolumeType(volume)} volume '{volume.Name}'.");
            }

            foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
            {
                var where = $"{variant}: {name}/{container.Name}";
                var context = container.SecurityContext;
                Assert.NotNull(context);
                Assert.True(context.AllowPrivilegeEscalation is false, $"{where} allows privilege escalation.");
                Assert.True(context.Privileged is not true, $"{where} is privileged.");
                Assert.Equal(["ALL"], context.Capabilities?.Drop ?? []);
                Assert.Empty(context.Capabilities?.Add ?? []);
                Assert.True((context.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot) is true, $"{where} may run as root.");
                Assert.True((context.RunAsUser ?? pod.SecurityContext?.RunAsUser) is > 0, $"{where} runs as UID 0 or an unknown UID.");
                Assert.Equal("RuntimeDefault", (context.SeccompProfile ?? pod.SecurityContext?.SeccompProfile)?.Type);
                Assert.True(context.ReadOnlyRootFilesystem is true, $"{where} can write to its root filesystem.");
                Assert.All(container.Ports ?? [], port => Assert.Null(port.HostPort));
            }
        }
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Supacrypt_containers_run_as_uid_and_gid_1000_and_write_only_to_tmp(string variant)
    {
        foreach (var (deployment, container) in fixture[variant].Containers().Where(pair => pair.Container.Image.StartsWith(SupacryptImages, StringComparison.Ordinal)))
        {
            Assert.Equal(1000, container.SecurityContext.RunAsUser);
            Assert.Equal(1000, container.SecurityContext.RunAsGroup);
            var volumes = deployment.Spec.Template.Spec.Volumes.ToDictionary(volume => volume.Name);
            var writable = container.VolumeMounts.Where(mount => mount.ReadOnlyProperty is not true).ToList();
            var tmp = Assert.Single(writable);
            Assert.Equal("/tmp", tmp.MountPath);
            Assert.NotNull(volumes[tmp.Name].EmptyDir);
        }
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void No_image_floats_on_latest_or_on_no_tag(string variant)
    {
        foreach (var (_, container) in fixture[variant].Containers())
        {
            var image = container.Image;
            var reference = image.Split('@')[0];
            var lastSegment = reference[(reference.LastIndexOf('/') + 1)..];
            var pinned = image.Contains("@sha256:", StringComparison.Ordinal) || lastSegment.Contains(':', StringComparison.Ordinal);
            Assert.True(pinned, $"{variant}: {container.Name} uses {image}, which means :latest.");
            Assert.False(lastSegment.EndsWith(":latest", StringComparison.Ordinal), $"{variant}: {container.Name} uses {image}.");
        }
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.ProductionVariants), MemberType = typeof(KustomizeFixture))]
    public void Production_runs_supacrypt_images_by_digest(string variant)
    {
        var images = fixture[variant].Containers().Select(pair => pair.Container.Image).Where(image => image.StartsWith(SupacryptImages, StringComparison.Ordinal)).ToList();

        Assert.Equal(["ghcr.io/supacrypt/supacrypt-backend"], images.Select(image => image.Split('@')[0]).Distinct());
        Assert.All(images, image => Assert.Matches("@sha256:[0-9a-f]{64}$", image));
    }

    [Theory]
    [MemberData(nameof(KustomizeFixture.Variants), MemberType = typeof(KustomizeFixture))]
    public void Every_container_states_its_resources(string variant)
    {
        foreach (var (deployment, container) in fixture[variant].Containers())
        {
            Assert.True(container.Resources?.Requests?.ContainsKey("cpu") is true && container.Resources.Requests.ContainsKey("memory"), $"{deployment.Metadata.Name}/{container.Name} requests nothing.");
            Assert.True(container.Resources.Limits?.ContainsKey("memory") is true, $"{deployment.Metadata.Name}/{container.Name} has no memory limit.");
        }

        var backend = fixture[variant].BackendContainerSpec.Resources;
        Assert.Equal("250m", backend.Requests["cpu"].ToString());
        Assert.Equal("256Mi", backend.Requests["memory"].ToString());
        Assert.Equal("500m", backend.Limits["cpu"].ToString());
        Assert.Equal("512Mi", backend.Limits["memory"].ToString());
    }

    private static string VolumeType(V1Volume volume) =>
        typeof(V1Volume).GetProperties()
            .Where(property => property.Name != nameof(V1Volume.Name) && property.GetValue(volume) is not null)
            .Select(property => property.Name)
            .Single();
}
