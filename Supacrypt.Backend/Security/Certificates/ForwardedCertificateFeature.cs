using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;

namespace Supacrypt.Backend.Security;

/// <summary>
/// The client certificate of one request in forwarded mode, set on the request's own features: the connection's TLS
/// feature (which on an https hop carries the proxy's certificate and lives as long as the connection) is never
/// written, so no request's identity can stay behind for the next request on the same connection.
/// </summary>
internal sealed class ForwardedCertificateFeature(X509Certificate2? certificate) : ITlsConnectionFeature
{
    public X509Certificate2? ClientCertificate { get; set; } = certificate;

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);
}
