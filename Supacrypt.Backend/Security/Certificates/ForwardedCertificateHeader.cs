using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supacrypt.Backend.Security;

/// <summary>Reads the client certificate an ingress forwarded: Envoy's XFCC element or ingress-nginx's URL-encoded PEM.</summary>
internal static class ForwardedCertificateHeader
{
    public sealed record Forwarded(X509Certificate2 Certificate, X509Certificate2Collection Intermediates);

    /// <summary>The certificate in <paramref name="value"/>, or null with <paramref name="problem"/> saying why not.</summary>
    public static Forwarded? Parse(string value, ForwardedCertificateFormat format, out string? problem)
    {
        problem = null;
        try
        {
            return format == ForwardedCertificateFormat.Nginx ? ParseNginx(value, out problem) : ParseEnvoy(value, out problem);
        }
        catch (CryptographicException exception)
        {
            problem = $"the forwarded certificate does not decode: {exception.Message}";
            return null;
        }
    }

    // ingress-nginx: one URL-encoded PEM certificate. A comma means values were joined (a client's header and the
    // ingress's), and which is whose cannot be told.
    private static Forwarded? ParseNginx(string value, out string? problem)
    {
        if (value.Contains(',', StringComparison.Ordinal))
        {
            problem = "the header holds more than one value; exactly one, from the ingress, is accepted";
            return null;
        }

        problem = null;
        return FromPem(Uri.UnescapeDataString(value), null);
    }

    // XFCC: elements separated by ',' (one per proxy), each 'Key=value' pairs separated by ';', values optionally quoted.
    private static Forwarded? ParseEnvoy(string value, out string? problem)
    {
        problem = null;
        var elements = SplitOutsideQuotes(value, ',');
        if (elements.Count != 1)
        {
            // More than one element means a client-supplied header travelled through the ingress; believe none of it.
            problem = $"the header holds {elements.Count} XFCC elements; exactly one, from the ingress, is accepted";
            return null;
        }

        string? certificate = null;
        string? chain = null;
        foreach (var pair in SplitOutsideQuotes(elements[0], ';'))
        {
            var separator = pair.IndexOf('=');
            if (separator <= 0)
            {
                continue;
            }

            var key = pair[..separator].Trim();
            var text = pair[(separator + 1)..].Trim().Trim('"');
            var isCertificate = key.Equals("Cert", StringComparison.OrdinalIgnoreCase);
            if (!isCertificate && !key.Equals("Chain", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // A second Cert or Chain in one element was not written by the ingress: which one counts is ambiguous.
            if ((isCertificate ? certificate : chain) is not null)
            {
                problem = $"the XFCC element repeats its {key} field";
                return null;
            }

            if (isCertificate)
            {
                certificate = Uri.UnescapeDataString(text);
            }
            else
            {
                chain = Uri.UnescapeDataString(text);
            }
        }

        if (certificate is null)
        {
            problem = "the XFCC element carries no Cert field";
            return null;
        }

        return FromPem(certificate, chain);
    }

    private static Forwarded FromPem(string certificatePem, string? chainPem)
    {
        var certificate = X509Certificate2.CreateFromPem(certificatePem);
        var intermediates = new X509Certificate2Collection();
        if (chainPem is not null)
        {
            intermediates.ImportFromPem(chainPem);
        }

        return new Forwarded(certificate, intermediates);
    }

    private static List<string> SplitOutsideQuotes(string value, char separator)
    {
        var parts = new List<string>();
        var quoted = false;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '"')
            {
                quoted = !quoted;
            }
            else if (value[i] == separator && !quoted)
            {
                parts.Add(value[start..i]);
                start = i + 1;
            }
        }

        parts.Add(value[start..]);
        return parts.Where(part => part.Trim().Length > 0).ToList();
    }
}
