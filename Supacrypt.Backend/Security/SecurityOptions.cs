namespace Supacrypt.Backend.Security;

/// <summary>Transport security, caller identity and authorization of the gRPC endpoint, bound from <c>Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    public TransportSecurity Mode { get; set; } = TransportSecurity.MutualTls;

    /// <summary>PEM certificate (with any intermediates) the gRPC endpoint presents; re-read when the file changes.</summary>
    public string? ServerCertificatePath { get; set; }

    /// <summary>PEM private key of the server certificate.</summary>
    public string? ServerCertificateKeyPath { get; set; }

    /// <summary>PEM bundle of the certificate authorities whose client certificates are accepted; nothing else is trusted.</summary>
    public string? ClientCertificateAuthorityPath { get; set; }

    /// <summary>Must be set outside Development with MutualTls or ForwardedClientCertificate; unset in Development means <c>NoCheck</c>.</summary>
    public RevocationCheck? RevocationMode { get; set; }

    /// <summary>CRL files (PEM or DER) issued by the configured authorities.</summary>
    public List<string> CertificateRevocationListPaths { get; set; } = [];

    /// <summary>http(s) URLs of CRLs the operator publishes; fetched at start and refreshed before each list's nextUpdate.</summary>
    public List<string> CertificateRevocationListUrls { get; set; } = [];

    /// <summary>The longest time between two fetches of a CRL URL, whatever the list's nextUpdate says.</summary>
    public TimeSpan CertificateRevocationListRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the certificate, authority and CRL files are checked for a change.</summary>
    public TimeSpan FileCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    public AuthorizationOptions Authorization { get; set; } = new();

    public ForwardedCertificateOptions ForwardedCertificate { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    public RefusedCallLimitOptions RefusedCallLimit { get; set; } = new();

    /// <summary>
    /// RSA PKCS#1 v1.5 decryption is exposed to Bleichenbacher-style padding oracles (RFC 8017 7.2). Unset: on in
    /// Development (the providers' legacy mechanisms), off elsewhere until an operator turns it on.
    /// </summary>
    public bool? AllowRsaPkcs1Decryption { get; set; }

    public bool AllowsRsaPkcs1Decryption(IHostEnvironment environment) => AllowRsaPkcs1Decryption ?? environment.IsDevelopment();

    /// <summary>True when the gRPC endpoint presents the server certificate: mutual TLS, or the proxy's mutual-TLS hop.</summary>
    public bool PresentsServerCertificate =>
        Mode == TransportSecurity.MutualTls || (Mode == TransportSecurity.ForwardedClientCertificate && !string.IsNullOrWhiteSpace(ForwardedCertificate.ProxyCertificateAuthorityPath));

    /// <summary>The revocation mode in force: the one set, or <c>NoCheck</c> where start-up allows it unset (Development).</summary>
    public RevocationCheck EffectiveRevocationMode => RevocationMode ?? RevocationCheck.NoCheck;
}

public enum TransportSecurity
{
    /// <summary>TLS with a client certificate from a configured authority on every call: the default.</summary>
    MutualTls,

    /// <summary>h2c behind an ingress that ended TLS and forwards the client certificate in a header, believed only from known networks.</summary>
    ForwardedClientCertificate,

    /// <summary>Plaintext HTTP/2 without client identity: an explicit switch for development only.</summary>
    Insecure,
}

public enum RevocationCheck
{
    NoCheck,
    Crl,
}

public sealed class AuthorizationOptions
{
    /// <summary>Who may do what; a certificate that matches no entry may do nothing.</summary>
    public List<AuthorizedClient> Clients { get; set; } = [];
}

/// <summary>One grant: a caller named by certificate subject or SHA-256 thumbprint, its roles and the key-name prefixes it may use.</summary>
public sealed class AuthorizedClient
{
    public string? Subject { get; set; }

    public string? Thumbprint { get; set; }

    public List<ClientRole> Roles { get; set; } = [];

    /// <summary>None listed: every key.</summary>
    public List<string> KeyPrefixes { get; set; } = [];
}

public enum ClientRole
{
    Administrator,
    KeyAdministrator,
    CryptoUser,
}

public sealed class ForwardedCertificateOptions
{
    public string Header { get; set; } = "X-Forwarded-Client-Cert";

    public ForwardedCertificateFormat Format { get; set; } = ForwardedCertificateFormat.Envoy;

    /// <summary>CIDRs of the ingress; a header from any other address is ignored.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>PEM bundle of the authority whose certificate the proxy presents on its mutual-TLS hop to the backend.</summary>
    public string? ProxyCertificateAuthorityPath { get; set; }

    /// <summary>Subjects a proxy certificate may carry; none listed: any certificate from the proxy authority.</summary>
    public List<string> ProxySubjects { get; set; } = [];
}

public enum ForwardedCertificateFormat
{
    /// <summary><c>X-Forwarded-Client-Cert: Hash=…;Cert="url-encoded PEM";Chain=…</c> (Envoy, Azure Container Apps).</summary>
    Envoy,

    /// <summary>A URL-encoded PEM certificate (ingress-nginx's <c>ssl-client-cert</c>).</summary>
    Nginx,
}

public sealed class RateLimitOptions
{
    /// <summary>
    /// Key Vault requests one caller's calls may cause per window (every call costs at least one); 0 switches the
    /// limit off. The default is half of what a vault serves for RSA-2048 and EC software keys (4,000 per 10 s).
    /// </summary>
    public int PermitLimit { get; set; } = 2000;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Calls refused for their identity one remote address may make per window before it is refused unheard.</summary>
public sealed class RefusedCallLimitOptions
{
    /// <summary>0 switches the limit off.</summary>
    public int PermitLimit { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
