using Microsoft.Extensions.Configuration;

namespace Supacrypt.Client.Hosting;

/// <summary>
/// The backend's address when none is configured: its endpoint named <c>grpc</c> through service discovery (never
/// its HTTP/1.1 health endpoint), https when the resource has an https grpc endpoint. Aspire hands a consumer
/// <c>services:{name}:grpc:{n}</c> for <c>WithReference(backend)</c>; service discovery keeps only addresses of the
/// scheme asked for, so the scheme is chosen from what the resource serves.
/// </summary>
internal static class BackendEndpoint
{
    public const string GrpcEndpointName = "grpc";

    public static Uri Discovered(IConfiguration configuration, string connectionName, bool usesCertificates)
    {
        var served = configuration.GetSection($"services:{connectionName}:{GrpcEndpointName}").GetChildren()
            .Select(entry => Uri.TryCreate(entry.Value, UriKind.Absolute, out var address) ? address.Scheme : null)
            .ToList();
        var https = served.Contains(Uri.UriSchemeHttps) || (!served.Contains(Uri.UriSchemeHttp) && usesCertificates);
        return new Uri($"{(https ? Uri.UriSchemeHttps : Uri.UriSchemeHttp)}://_{GrpcEndpointName}.{connectionName}");
    }
}
