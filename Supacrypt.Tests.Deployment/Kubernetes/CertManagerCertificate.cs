using k8s;
using k8s.Models;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// cert-manager's Certificate (cert-manager.io/v1), typed with the fields the cert-manager component uses, so the
// strict loader rejects a misspelt one. KubernetesClient knows only the built-in kinds.
public sealed class CertManagerCertificate : IKubernetesObject<V1ObjectMeta>
{
    public const string CertificateApiVersion = "cert-manager.io/v1";
    public const string CertificateKind = "Certificate";

    public string ApiVersion { get; set; } = CertificateApiVersion;

    public string Kind { get; set; } = CertificateKind;

    public V1ObjectMeta Metadata { get; set; } = new();

    public CertificateSpec Spec { get; set; } = new();

    public sealed class CertificateSpec
    {
        public string SecretName { get; set; } = "";

        public string? CommonName { get; set; }

        public List<string> DnsNames { get; set; } = [];

        public string? Duration { get; set; }

        public string? RenewBefore { get; set; }

        public CertificatePrivateKey? PrivateKey { get; set; }

        public List<string> Usages { get; set; } = [];

        public IssuerReference IssuerRef { get; set; } = new();
    }

    public sealed class CertificatePrivateKey
    {
        public string? Algorithm { get; set; }

        public int? Size { get; set; }

        public string? RotationPolicy { get; set; }
    }

    public sealed class IssuerReference
    {
        public string? Group { get; set; }

        public string? Kind { get; set; }

        public string Name { get; set; } = "";
    }
}
