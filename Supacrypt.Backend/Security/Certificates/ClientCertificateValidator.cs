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
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    // Keyed by the leaf and the intermediates it came with: a verdict reached without the issuing intermediate must not
    // answer for the same leaf presented with it. Each verdict remembers the files it was reached with.
    private readonly CertificateVerdictCache _cache = new();
    private readonly SecurityFiles _files;
    private readonly RevocationCheck _revocation;
    private readonly TimeProvider _time;
    private readonly ILogger<ClientCertificateValidator> _logger;
    private long _chainBuilds;

    public ClientCertificateValidator(SecurityFiles files, IOptions<SecurityOptions> options, TimeProvider time, ILogger<ClientCertificateValidator> logger)
    {
        _files = files;
        _revocation = options.Value.EffectiveRevocationMode;
        _time = time;
        _logger = logger;
        files.Changed += _cache.Clear;
    }

    /// <summary>How many chains this validator has built: the work its verdict cache exists to save.</summary>
    internal long ChainBuilds => Interlocked.Read(ref _chainBuilds);

    /// <summary>The policy for any chain built from a client certificate, also the handshake's (SslStream builds one itself).</summary>
    public X509ChainPolicy CreateChainPolicy() => CreateChainPolicy(_files.Current, null);

    private X509ChainPolicy CreateChainPolicy(TrustMaterial material, X509Certificate2Collection? intermediates)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            DisableCertificateDownloads = true,
            RevocationMode = X509RevocationMode.NoCheck,
            VerificationTime = _time.GetUtcNow().UtcDateTime,
        };
        policy.CustomTrustStore.AddRange(material.Authorities);
        policy.ApplicationPolicy.Add(new Oid(ClientAuthentication));
        if (intermediates is not null)
        {
            policy.ExtraStore.AddRange(intermediates);
        }

        return policy;
    }

    /// <summary>Judges the certificate of a TLS handshake, and keeps the intermediates of a valid one for its calls.</summary>
    public CertificateVerdict ValidateAtHandshake(X509Certificate2 certificate, X509Certificate2Collection? intermediates)
    {
        var verdict = Validate(certificate, intermediates);
        if (verdict.IsValid)
        {
            HandshakeIntermediates.Remember(intermediates);
        }

        return verdict;
    }

    /// <summary>Judges a certificate with the intermediates it came with.</summary>
    public CertificateVerdict Validate(X509Certificate2 certificate, X509Certificate2Collection? intermediates = null)
    {
        var now = _time.GetUtcNow();
        var material = _files.Current;
        var thumbprint = CallerIdentity.ThumbprintOf(certificate);
        var key = intermediates is { Count: > 0 }
            ? string.Join('/', intermediates.Select(CallerIdentity.ThumbprintOf).Order().Prepend(thumbprint))
            : thumbprint;
        if (_cache.TryGet(key, material, now, out var cached))
        {
            return cached;
        }

        var verdict = ValidateUncached(certificate, intermediates, material);

        // A reload during the check means the verdict may rest on files that are gone: judge again next time.
        if (ReferenceEquals(_files.Current, material))
        {
            _cache.Add(key, verdict, CacheExpiry(certificate, material, now), material);
        }

        if (!verdict.IsValid)
        {
            _logger.LogWarning("Client certificate {Subject} ({Thumbprint}) refused: {Reason}", CallerIdentity.Printable(certificate.Subject), thumbprint, verdict.Reason);
        }

        return verdict;
    }

    // A verdict is kept no longer than the certificate or any CRL it was judged against stays valid.
    private DateTimeOffset CacheExpiry(X509Certificate2 certificate, TrustMaterial material, DateTimeOffset now)
    {
        var expiry = new[] { now + CacheLifetime, new DateTimeOffset(certificate.NotAfter.ToUniversalTime()) }.Min();
        if (_revocation == RevocationCheck.Crl)
        {
            // A list already past its nextUpdate is either unused (a newer one of its issuer decides) or makes the
            // verdict a refusal; letting it cap the lifetime would end caching for every client.
            foreach (var list in material.RevocationLists)
            {
                expiry = list.NextUpdate is { } nextUpdate && nextUpdate > now && nextUpdate < expiry ? nextUpdate : expiry;
            }
        }

        return expiry;
    }

    private CertificateVerdict ValidateUncached(X509Certificate2 certificate, X509Certificate2Collection? intermediates, TrustMaterial material)
    {
        try
        {
            return Judge(certificate, intermediates, material);
        }
        catch (CryptographicException exception)
        {
            // A malformed extension is the certificate's fault, not a server error.
            return CertificateVerdict.Refused($"it cannot be read: {exception.Message}");
        }
    }

    private CertificateVerdict Judge(X509Certificate2 certificate, X509Certificate2Collection? intermediates, TrustMaterial material)
    {
        // A certificate without an EKU extension is good for any purpose in chain building; this service wants the
        // issuing authority to have said "client authentication" explicitly.
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(extension => extension.EnhancedKeyUsages.Cast<Oid>());
        if (!usages.Any(usage => usage.Value == ClientAuthentication))
        {
            return CertificateVerdict.Refused("it does not carry the client-authentication extended key usage");
        }

        using var chain = new X509Chain { ChainPolicy = CreateChainPolicy(material, intermediates) };
        Interlocked.Increment(ref _chainBuilds);
        if (!chain.Build(certificate))
        {
            var problems = chain.ChainStatus.Select(status => status.Status.ToString()).Distinct();
            return CertificateVerdict.Refused($"the chain does not validate against the configured authorities ({string.Join(", ", problems)})");
        }

        return _revocation == RevocationCheck.Crl ? CheckRevocation(chain, material) : CertificateVerdict.Valid;
    }

    private CertificateVerdict CheckRevocation(X509Chain chain, TrustMaterial material)
    {
        var now = _time.GetUtcNow();
        for (var i = 0; i < chain.ChainElements.Count - 1; i++)
        {
            var certificate = chain.ChainElements[i].Certificate;
            var issuer = chain.ChainElements[i + 1].Certificate;
            if (material.RevocationListFailures.Count > 0)
            {
                return CertificateVerdict.Refused($"revocation cannot be checked: the CRL(s) {string.Join(", ", material.RevocationListFailures)} could not be read or fetched");
            }

            if (!RevocationList.MaySignLists(issuer))
            {
                return CertificateVerdict.Refused($"no CRL of {CallerIdentity.Printable(issuer.Subject)} can be believed: its certificate lacks the cRLSign key usage (RFC 5280 6.3.3)");
            }

            var list = RevocationList.ForIssuer(material.RevocationLists, issuer);
            if (list is null)
            {
                return CertificateVerdict.Refused($"no configured CRL is issued and signed by {CallerIdentity.Printable(issuer.Subject)}");
            }

            if (list.HasExpired(now))
            {
                _logger.LogError("Certificate revocation list '{Path}' expired at {NextUpdate}; certificates of {Issuer} are refused until it is renewed", list.Path, list.NextUpdate, CallerIdentity.Printable(issuer.Subject));
                return CertificateVerdict.Refused($"the CRL '{list.Path}' of {CallerIdentity.Printable(issuer.Subject)} has expired");
            }

            if (list.Revokes(certificate))
            {
                return CertificateVerdict.Refused($"{CallerIdentity.Printable(certificate.Subject)} (serial {certificate.SerialNumber}) is revoked by '{list.Path}'");
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
