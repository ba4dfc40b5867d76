using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Security;

/// <summary>
/// <c>Security:ForwardedCertificate:ProxyCertificateAuthorityPath</c> (+ <c>ProxySubjects</c>): the hop from the ingress
/// proxy is mutual TLS, and only a proxy presenting a certificate from that authority (with a listed subject, when any
/// are listed) is believed about the client certificate it forwards. Judged at the handshake, so a connection that
/// carries a certificate at all carries an accepted proxy's.
/// </summary>
internal sealed class ProxyTrust
{
    private readonly X509Certificate2Collection _authorities = [];
    private readonly HashSet<string> _subjects;
    private readonly TimeProvider _time;
    private readonly ILogger<ProxyTrust> _logger;

    public ProxyTrust(IOptions<SecurityOptions> options, TimeProvider time, ILogger<ProxyTrust> logger)
    {
        var forwarded = options.Value.ForwardedCertificate;
        IsRequired = options.Value.Mode == TransportSecurity.ForwardedClientCertificate && !string.IsNullOrWhiteSpace(forwarded.ProxyCertificateAuthorityPath);
        if (IsRequired)
        {
            _authorities.ImportFromPemFile(forwarded.ProxyCertificateAuthorityPath!);
        }

        _subjects = forwarded.ProxySubjects.Select(Normalize).ToHashSet(StringComparer.OrdinalIgnoreCase);
        _time = time;
        _logger = logger;
    }

    /// <summary>True when the forwarded header is believed only from a proxy that presented an accepted certificate.</summary>
    public bool IsRequired { get; }

    /// <summary>The policy for the proxy's chain, also the handshake's: only the proxy authority, nothing downloaded.</summary>
    public X509ChainPolicy CreateChainPolicy()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            DisableCertificateDownloads = true,
            RevocationMode = X509RevocationMode.NoCheck,
            VerificationTime = _time.GetUtcNow().UtcDateTime,
        };
        policy.CustomTrustStore.AddRange(_authorities);
        return policy;
    }

    public bool Accepts(X509Certificate2 certificate, X509Certificate2Collection? intermediates)
    {
        if (_subjects.Count > 0 && !_subjects.Contains(Normalize(certificate.Subject)))
        {
            _logger.LogWarning("Refused a proxy certificate {Subject}: it is not in Security:ForwardedCertificate:ProxySubjects", CallerIdentity.Printable(certificate.Subject));
            return false;
        }

        using var chain = new X509Chain { ChainPolicy = CreateChainPolicy() };
        if (intermediates is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        }

        if (chain.Build(certificate))
        {
            return true;
        }

        _logger.LogWarning(
            "Refused a proxy certificate {Subject}: it does not chain to Security:ForwardedCertificate:ProxyCertificateAuthorityPath ({Problems})",
            CallerIdentity.Printable(certificate.Subject), string.Join(", ", chain.ChainStatus.Select(status => status.Status).Distinct()));
        return false;
    }

    private static string Normalize(string subject) => new X500DistinguishedName(subject).Name;
}
