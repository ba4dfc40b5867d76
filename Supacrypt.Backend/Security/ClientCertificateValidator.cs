using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Judges a client certificate the same way wherever it arrives (TLS handshake or forwarded header): a chain to a
/// configured authority only, built without fetching anything the certificate points at, the client-authentication
/// EKU, validity now, and, with <c>Crl</c>, every certificate of the chain checked against its issuer's CRL.
/// </summary>
internal sealed class ClientCertificateValidator
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private const int CacheCapacity = 1024;
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (CertificateVerdict Verdict, DateTimeOffset Expires)> _cache = new();
    private readonly SecurityFiles _files;
    private readonly RevocationCheck _revocation;
    private readonly TimeProvider _time;
    private readonly ILogger<ClientCertificateValidator> _logger;

    public ClientCertificateValidator(SecurityFiles files, IOptions<SecurityOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<ClientCertificateValidator> logger)
    {
        _files = files;
        _revocation = options.Value.EffectiveRevocationMode(environment);
        _time = time;
        _logger = logger;
        files.Changed += _cache.Clear;
    }

    /// <summary>The policy for any chain built from a client certificate, also the handshake's (SslStream builds one itself).</summary>
    public X509ChainPolicy CreateChainPolicy(X509Certificate2Collection? intermediates = null)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            DisableCertificateDownloads = true,
            RevocationMode = X509RevocationMode.NoCheck,
            VerificationTime = _time.GetUtcNow().UtcDateTime,
        };
        policy.CustomTrustStore.AddRange(_files.Current.Authorities);
        policy.ApplicationPolicy.Add(new Oid(ClientAuthentication));
        if (intermediates is not null)
        {
            policy.ExtraStore.AddRange(intermediates);
        }

        return policy;
    }

    public CertificateVerdict Validate(X509Certificate2 certificate, X509Certificate2Collection? intermediates = null)
    {
        var now = _time.GetUtcNow();
        var key = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Verdict;
        }

        var verdict = ValidateUncached(certificate, intermediates);
        if (_cache.Count >= CacheCapacity)
        {
            // Bounded: a flood of distinct certificates costs chain builds, never memory.
            _cache.Clear();
        }

        _cache[key] = (verdict, CacheExpiry(certificate, now));
        if (!verdict.IsValid)
        {
            _logger.LogWarning("Client certificate {Subject} ({Thumbprint}) refused: {Reason}", CallerIdentity.Printable(certificate.Subject), key, verdict.Reason);
        }

        return verdict;
    }

    // A verdict is kept no longer than the certificate or any CRL it was judged against stays valid.
    private DateTimeOffset CacheExpiry(X509Certificate2 certificate, DateTimeOffset now)
    {
        var expiry = new[] { now + CacheLifetime, new DateTimeOffset(certificate.NotAfter.ToUniversalTime()) }.Min();
        if (_revocation == RevocationCheck.Crl)
        {
            foreach (var list in _files.Current.RevocationLists)
            {
                expiry = list.NextUpdate is { } nextUpdate && nextUpdate < expiry ? nextUpdate : expiry;
            }
        }

        return expiry;
    }

    private CertificateVerdict ValidateUncached(X509Certificate2 certificate, X509Certificate2Collection? intermediates)
    {
        // A certificate without an EKU extension is good for any purpose in chain building; this service wants the
        // issuing authority to have said "client authentication" explicitly.
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(extension => extension.EnhancedKeyUsages.Cast<Oid>());
        if (!usages.Any(usage => usage.Value == ClientAuthentication))
        {
            return CertificateVerdict.Refused("it does not carry the client-authentication extended key usage");
        }

        using var chain = new X509Chain { ChainPolicy = CreateChainPolicy(intermediates) };
        if (!chain.Build(certificate))
        {
            var problems = chain.ChainStatus.Select(status => status.Status.ToString()).Distinct();
            return CertificateVerdict.Refused($"the chain does not validate against the configured authorities ({string.Join(", ", problems)})");
        }

        return _revocation == RevocationCheck.Crl ? CheckRevocation(chain) : CertificateVerdict.Valid;
    }

    private CertificateVerdict CheckRevocation(X509Chain chain)
    {
        var material = _files.Current;
        var now = _time.GetUtcNow();
        for (var i = 0; i < chain.ChainElements.Count - 1; i++)
        {
            var certificate = chain.ChainElements[i].Certificate;
            var issuer = chain.ChainElements[i + 1].Certificate;
            if (material.RevocationListFailures.Count > 0)
            {
                return CertificateVerdict.Refused($"revocation cannot be checked: the CRL file(s) {string.Join(", ", material.RevocationListFailures)} could not be read");
            }

            var list = material.RevocationLists.FirstOrDefault(candidate => candidate.IsSignedBy(issuer));
            if (list is null)
            {
                return CertificateVerdict.Refused($"no configured CRL is issued and signed by {issuer.Subject}");
            }

            if (list.NextUpdate is not { } nextUpdate || nextUpdate < now)
            {
                _logger.LogError("Certificate revocation list '{Path}' expired at {NextUpdate}; certificates of {Issuer} are refused until it is renewed", list.Path, list.NextUpdate, issuer.Subject);
                return CertificateVerdict.Refused($"the CRL '{list.Path}' of {issuer.Subject} has expired");
            }

            if (list.Revokes(certificate))
            {
                return CertificateVerdict.Refused($"{certificate.Subject} (serial {certificate.SerialNumber}) is revoked by '{list.Path}'");
            }
        }

        return CertificateVerdict.Valid;
    }
}

internal sealed record CertificateVerdict(bool IsValid, string Reason)
{
    public static CertificateVerdict Valid { get; } = new(true, "valid");

    public static CertificateVerdict Refused(string reason) => new(false, reason);
}
