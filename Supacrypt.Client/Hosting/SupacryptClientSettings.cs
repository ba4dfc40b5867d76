namespace Supacrypt.Client.Hosting;

/// <summary>
/// Settings of <see cref="SupacryptClientExtensions.AddSupacryptClient"/>, bound from the <c>Supacrypt:Client</c>
/// configuration section and then changed by the caller's delegate.
/// </summary>
public sealed class SupacryptClientSettings
{
    public const string SectionName = "Supacrypt:Client";

    /// <summary>
    /// The backend's address. Unset: the connection string of that name if there is one, else the endpoint named
    /// <c>grpc</c> of the resource, found through service discovery: <c>https://_grpc.backend</c> when the resource
    /// serves an https grpc endpoint (or, with no <c>services:backend:grpc</c> entries, when certificates are
    /// configured), else <c>http://_grpc.backend</c> (h2c). Never the backend's HTTP/1.1 health endpoint.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <inheritdoc cref="SupacryptConnectionOptions.CertificateAuthorityPath"/>
    public string? CertificateAuthorityPath { get; set; }

    /// <inheritdoc cref="SupacryptConnectionOptions.CertificatePath"/>
    public string? CertificatePath { get; set; }

    /// <inheritdoc cref="SupacryptConnectionOptions.KeyPath"/>
    public string? KeyPath { get; set; }

    public bool DisableHealthChecks { get; set; }

    public bool DisableTracing { get; set; }
}
