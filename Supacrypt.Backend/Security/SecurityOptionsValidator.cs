using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Security;

/// <summary>Refuses to start with security settings that are missing, unreadable or contradictory.</summary>
internal sealed class SecurityOptionsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        if (options.Mode == TransportSecurity.Insecure)
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"Security:Mode=Insecure serves the crypto API without TLS or client identity; it is allowed only in the Development environment (this is '{environment.EnvironmentName}'). " +
                    "Configure Security:ServerCertificatePath, Security:ServerCertificateKeyPath and Security:ClientCertificateAuthorityPath instead.");
        }

        var failures = new List<string>();
        var grpcUrl = configuration["Kestrel:Endpoints:grpc:Url"];
        if (options.Mode == TransportSecurity.MutualTls && grpcUrl is not null && !grpcUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Security:Mode=MutualTls needs the grpc endpoint on https://, but Kestrel:Endpoints:grpc:Url is '{grpcUrl}'.");
        }

        failures.AddRange(FileFailures(options));
        failures.AddRange(ForwardingFailures(options, grpcUrl));
        failures.AddRange(AuthorizationPolicyFailures(options.Authorization));
        failures.AddRange(RevocationFailures(options));

        if (options.FileCheckInterval <= TimeSpan.Zero)
        {
            failures.Add("Security:FileCheckInterval must be positive.");
        }

        if (options.RateLimit.PermitLimit > 0 && options.RateLimit.Window <= TimeSpan.Zero)
        {
            failures.Add("Security:RateLimit:Window must be positive.");
        }

        if (options.RefusedCallLimit.PermitLimit > 0 && options.RefusedCallLimit.Window <= TimeSpan.Zero)
        {
            failures.Add("Security:RefusedCallLimit:Window must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Whether a revoked certificate keeps working is a decision an operator states, never a default they inherit.
    private IEnumerable<string> RevocationFailures(SecurityOptions options)
    {
        if (options.RevocationMode is null && !environment.IsDevelopment())
        {
            yield return $"Security:RevocationMode must be set with Security:Mode={options.Mode} outside Development (this is '{environment.EnvironmentName}'): " +
                "Crl checks every client certificate against its issuer's CRL from Security:CertificateRevocationListPaths or Security:CertificateRevocationListUrls; " +
                "NoCheck accepts revoked certificates until they expire and is logged as a warning.";
        }

        if (options.RevocationMode is { } mode && !Enum.IsDefined(mode))
        {
            yield return $"Security:RevocationMode holds {(int)mode}, which is no mode (use Crl or NoCheck).";
        }

        if (options.EffectiveRevocationMode == RevocationCheck.Crl && options.CertificateRevocationListPaths.Count == 0 && options.CertificateRevocationListUrls.Count == 0)
        {
            yield return "Security:RevocationMode=Crl needs at least one file in Security:CertificateRevocationListPaths or URL in Security:CertificateRevocationListUrls.";
        }

        foreach (var url in options.CertificateRevocationListUrls.Where(url => !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
        {
            yield return $"Security:CertificateRevocationListUrls entry '{url}' is not an absolute http:// or https:// URL.";
        }

        if (options.CertificateRevocationListRefreshInterval <= TimeSpan.Zero)
        {
            yield return "Security:CertificateRevocationListRefreshInterval must be positive.";
        }
    }

    private static List<string> FileFailures(SecurityOptions options)
    {
        var failures = new List<string>();
        try
        {
            if (options.PresentsServerCertificate)
            {
                using var server = ServerCertificate.Load(options);
            }

            foreach (var authority in ServerCertificate.LoadAuthorities(options))
            {
                authority.Dispose();
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or CryptographicException or UnauthorizedAccessException)
        {
            failures.Add(exception.Message);
        }

        failures.AddRange(options.CertificateRevocationListPaths
            .Where(path => !File.Exists(path))
            .Select(path => $"Security:CertificateRevocationListPaths names '{path}', which does not exist."));
        return failures;
    }

    private IEnumerable<string> ForwardingFailures(SecurityOptions options, string? grpcUrl)
    {
        if (options.Mode != TransportSecurity.ForwardedClientCertificate)
        {
            yield break;
        }

        var forwarded = options.ForwardedCertificate;
        if (string.IsNullOrWhiteSpace(forwarded.Header))
        {
            yield return "Security:ForwardedCertificate:Header must name the header the ingress puts the client certificate in.";
        }

        var proxyAuthority = !string.IsNullOrWhiteSpace(forwarded.ProxyCertificateAuthorityPath);
        var https = grpcUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;
        if (https && !proxyAuthority)
        {
            yield return $"Security:Mode=ForwardedClientCertificate with an https grpc endpoint ('{grpcUrl}') needs Security:ForwardedCertificate:ProxyCertificateAuthorityPath: " +
                "the TLS hop must come from a proxy presenting a certificate of that authority. Without a proxy certificate, serve the grpc endpoint on http:// behind the ingress.";
        }

        if (proxyAuthority && !https)
        {
            yield return $"Security:ForwardedCertificate:ProxyCertificateAuthorityPath makes the proxy's hop mutual TLS, which needs the grpc endpoint on https://, but Kestrel:Endpoints:grpc:Url is '{grpcUrl ?? "unset"}'.";
        }

        if (proxyAuthority)
        {
            foreach (var failure in ProxyAuthorityFailures(forwarded))
            {
                yield return failure;
            }
        }

        if (forwarded.KnownNetworks.Count == 0 && !proxyAuthority && !environment.IsDevelopment())
        {
            yield return "Security:Mode=ForwardedClientCertificate needs Security:ForwardedCertificate:ProxyCertificateAuthorityPath (the proxy's own certificate authority) or Security:ForwardedCertificate:KnownNetworks (the ingress's CIDRs) outside Development; without them the header would be believed from anyone.";
        }

        foreach (var network in forwarded.KnownNetworks.Where(network => !IPNetwork.TryParse(network, out _)))
        {
            yield return $"Security:ForwardedCertificate:KnownNetworks entry '{network}' is not a CIDR such as 10.0.0.0/8.";
        }
    }

    private static IEnumerable<string> ProxyAuthorityFailures(ForwardedCertificateOptions forwarded)
    {
        var path = forwarded.ProxyCertificateAuthorityPath!;
        string? failure = null;
        try
        {
            var authorities = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            authorities.ImportFromPemFile(path);
            failure = authorities.Count == 0 ? $"Security:ForwardedCertificate:ProxyCertificateAuthorityPath '{path}' holds no PEM certificate." : null;
        }
        catch (Exception exception) when (exception is IOException or CryptographicException or UnauthorizedAccessException)
        {
            failure = $"Security:ForwardedCertificate:ProxyCertificateAuthorityPath '{path}' cannot be read: {exception.Message}";
        }

        if (failure is not null)
        {
            yield return failure;
        }

        foreach (var subject in forwarded.ProxySubjects.Where(subject => !IsDistinguishedName(subject)))
        {
            yield return $"Security:ForwardedCertificate:ProxySubjects entry '{subject}' is not a distinguished name such as CN=ingress.";
        }
    }

    private static IEnumerable<string> AuthorizationPolicyFailures(AuthorizationOptions authorization)
    {
        for (var i = 0; i < authorization.Clients.Count; i++)
        {
            var client = authorization.Clients[i];
            var setting = $"Security:Authorization:Clients:{i}";
            if (string.IsNullOrWhiteSpace(client.Subject) && string.IsNullOrWhiteSpace(client.Thumbprint))
            {
                yield return $"{setting} names no Subject or Thumbprint.";
            }

            if (!string.IsNullOrWhiteSpace(client.Thumbprint) && !IsSha256Hex(client.Thumbprint.Replace(":", "", StringComparison.Ordinal).Trim()))
            {
                yield return $"{setting}:Thumbprint must be a SHA-256 thumbprint: 64 hexadecimal digits.";
            }

            if (!string.IsNullOrWhiteSpace(client.Subject) && !IsDistinguishedName(client.Subject))
            {
                yield return $"{setting}:Subject '{client.Subject}' is not a distinguished name such as CN=my-client.";
            }

            if (client.Roles.Count == 0)
            {
                yield return $"{setting} grants no Roles (use Administrator, KeyAdministrator or CryptoUser).";
            }

            // The binder turns a number into any enum value, named or not.
            foreach (var role in client.Roles.Where(role => !Enum.IsDefined(role)))
            {
                yield return $"{setting}:Roles holds {(int)role}, which is no role (use Administrator, KeyAdministrator or CryptoUser).";
            }

            // An empty prefix would match every key; leaving KeyPrefixes out says "all keys" on purpose.
            if (client.KeyPrefixes.Any(string.IsNullOrWhiteSpace))
            {
                yield return $"{setting}:KeyPrefixes holds an empty prefix, which would match every key; leave KeyPrefixes out to grant all keys.";
            }
        }
    }

    private static bool IsSha256Hex(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);

    private static bool IsDistinguishedName(string value)
    {
        try
        {
            _ = new System.Security.Cryptography.X509Certificates.X500DistinguishedName(value);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
