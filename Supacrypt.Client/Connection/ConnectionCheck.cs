namespace Supacrypt.Client;

/// <summary>
/// What is wrong with a connection's settings before any call is made: a TLS endpoint without a client certificate,
/// a file that does not exist, a certificate without its private key, an authority file that does not parse. Each
/// problem names the setting that fixes it.
/// </summary>
public static class ConnectionCheck
{
    public static IReadOnlyList<string> Problems(SupacryptConnectionOptions options, ConnectionSettingNames names)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(names);
        var problems = new List<string>();
        if (options.Endpoint.Scheme != Uri.UriSchemeHttps && options.Endpoint.Scheme != Uri.UriSchemeHttp)
        {
            problems.Add($"{names.Endpoint}: {options.Endpoint} must start with https:// (mutual TLS) or http:// (h2c, development only).");
            return problems;
        }

        if (options.IsPlaintext)
        {
            if (options.CertificatePath is not null || options.CertificateAuthorityPath is not null)
            {
                problems.Add($"{names.Endpoint}: {options.Endpoint} is plaintext h2c, so the configured certificates would never be used; use the backend's https grpc endpoint.");
            }

            return problems;
        }

        if (options.CertificatePath is null)
        {
            problems.Add(options.KeyPath is null
                ? $"{names.Certificate}: the backend {options.Endpoint} is served over mutual TLS and needs a client certificate; set it (and {names.Key}) to PEM files."
                : $"{names.Certificate}: a client key was given without its certificate; set it to the certificate's PEM file.");
        }
        else if ((Missing(options.CertificatePath, names.Certificate) ?? Missing(options.KeyPath, names.Key)) is { } missing)
        {
            problems.Add(missing);
        }
        else
        {
            try
            {
                using var certificate = ClientTls.LoadClientCertificate(options.CertificatePath, options.KeyPath).TargetCertificate;
            }
            catch (SupacryptConnectionException exception)
            {
                problems.Add($"{names.Certificate}: {exception.Message}{(options.KeyPath is null ? $" Set {names.Key} when the key is in a separate file." : "")}");
            }
        }

        if (options.CertificateAuthorityPath is not null)
        {
            try
            {
                foreach (var authority in ClientTls.LoadBundle(options.CertificateAuthorityPath, "certificate authority"))
                {
                    authority.Dispose();
                }
            }
            catch (SupacryptConnectionException exception)
            {
                problems.Add($"{names.CertificateAuthority}: {exception.Message}");
            }
        }

        return problems;
    }

    /// <summary>Throws with every problem when there is one.</summary>
    public static void ThrowIfInvalid(SupacryptConnectionOptions options, ConnectionSettingNames names)
    {
        var problems = Problems(options, names);
        if (problems.Count > 0)
        {
            throw new SupacryptConnectionException(string.Join(Environment.NewLine, problems));
        }
    }

    private static string? Missing(string? path, string setting) =>
        path is not null && !File.Exists(path) ? $"{setting}: the file {Path.GetFullPath(path)} does not exist." : null;
}
