namespace Supacrypt.Client;

/// <summary>
/// Where the backend is and how to prove who is calling: an <c>https</c> endpoint with PEM files for mutual TLS,
/// or an <c>http</c> endpoint for plaintext HTTP/2 (h2c) to a development backend.
/// </summary>
public sealed record SupacryptConnectionOptions
{
    public required Uri Endpoint { get; init; }

    /// <summary>PEM bundle of the authorities that may issue the server's certificate; null trusts the system store.</summary>
    public string? CertificateAuthorityPath { get; init; }

    /// <summary>PEM client certificate, optionally followed by its intermediates (and its key, when <see cref="KeyPath"/> is null).</summary>
    public string? CertificatePath { get; init; }

    /// <summary>PEM private key of <see cref="CertificatePath"/> (PKCS#8, PKCS#1 or SEC 1, unencrypted).</summary>
    public string? KeyPath { get; init; }

    public bool IsPlaintext => Endpoint.Scheme == Uri.UriSchemeHttp;
}
