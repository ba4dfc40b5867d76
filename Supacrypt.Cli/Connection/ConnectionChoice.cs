using Supacrypt.Client;

namespace Supacrypt.Cli;

/// <summary>
/// Decides the connection: options first, then SUPACRYPT_* environment variables (SUPACRYPT_INSECURE=true for --insecure), then the development PKI
/// (<c>https://localhost:5000</c> as <c>admin</c>) when <c>.supacrypt/dev-pki/</c> is found above the working directory.
/// </summary>
internal static class ConnectionChoice
{
    private static readonly Uri InsecureDefault = new("http://localhost:5000");

    /// <summary>The flags and environment variables that set each choice, for messages that say how to fix one.</summary>
    public static ConnectionSettingNames Names { get; } = new(
        "--endpoint (or SUPACRYPT_ENDPOINT)", "--ca (or SUPACRYPT_CA)", "--cert (or SUPACRYPT_CERT)", "--key (or SUPACRYPT_KEY)");

    public static SupacryptConnectionOptions Resolve(GlobalSettings settings, Terminal terminal)
    {
        var endpointText = settings.Endpoint ?? Variable(terminal, "SUPACRYPT_ENDPOINT");
        var ca = settings.CertificateAuthority ?? Variable(terminal, "SUPACRYPT_CA");
        var cert = settings.Certificate ?? Variable(terminal, "SUPACRYPT_CERT");
        var key = settings.CertificateKey ?? Variable(terminal, "SUPACRYPT_KEY");
        var endpoint = endpointText is null ? null : ParseEndpoint(endpointText);

        if (settings.Insecure || string.Equals(Variable(terminal, "SUPACRYPT_INSECURE"), "true", StringComparison.OrdinalIgnoreCase))
        {
            if (endpoint is not null && endpoint.Scheme != Uri.UriSchemeHttp)
            {
                throw new UsageException($"--insecure speaks plaintext h2c, so the endpoint must start with http://, not {endpoint.Scheme}://.");
            }

            return new SupacryptConnectionOptions { Endpoint = endpoint ?? InsecureDefault };
        }

        if (endpoint?.Scheme == Uri.UriSchemeHttp)
        {
            throw new UsageException($"{endpoint} is plaintext; add --insecure to call a development backend without TLS, or use https://.");
        }

        if (ca is null && cert is null && key is null && DevelopmentPki.Find(terminal.WorkingDirectory) is { } pki)
        {
            return pki.Connection(DevelopmentPki.Administrator, endpoint);
        }

        if (endpoint is null)
        {
            throw new UsageException(
                "No backend given: pass --endpoint https://HOST:PORT with --ca, --cert and --key (or set SUPACRYPT_ENDPOINT, SUPACRYPT_CA, SUPACRYPT_CERT and SUPACRYPT_KEY), "
                + "add --insecure for a plaintext development backend, or run inside a Supacrypt checkout after `dotnet run --project Supacrypt.DevPki`.");
        }

        return new SupacryptConnectionOptions { Endpoint = endpoint, CertificateAuthorityPath = ca, CertificatePath = cert, KeyPath = key };
    }

    private static string? Variable(Terminal terminal, string name) => terminal.Environment(name) is { Length: > 0 } value ? value : null;

    private static Uri ParseEndpoint(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new UsageException($"The endpoint '{text}' is not an http:// or https:// address.");
}
