using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Security;

/// <summary>
/// With <c>Security:Mode=ForwardedClientCertificate</c>, takes the client certificate from the ingress's header, but
/// only when the connection comes from one of <c>Security:ForwardedCertificate:KnownNetworks</c>; from anywhere else
/// the header is ignored and the caller has no certificate. Authentication then validates it like a direct one.
/// </summary>
internal sealed class ForwardedClientCertificateMiddleware(RequestDelegate next, IOptions<SecurityOptions> options, ILogger<ForwardedClientCertificateMiddleware> logger)
{
    private static readonly object IntermediatesKey = new();
    private readonly ForwardedCertificateOptions _forwarded = options.Value.ForwardedCertificate;
    private readonly IReadOnlyList<IPNetwork> _knownNetworks = options.Value.ForwardedCertificate.KnownNetworks.Select(IPNetwork.Parse).ToList();

    public static X509Certificate2Collection? IntermediatesOf(HttpContext context) =>
        context.Items.TryGetValue(IntermediatesKey, out var intermediates) ? intermediates as X509Certificate2Collection : null;

    public Task InvokeAsync(HttpContext context)
    {
        var values = context.Request.Headers[_forwarded.Header];
        var value = values.ToString();
        if (value.Length == 0)
        {
            return next(context);
        }

        // The ingress writes one header; a second one came from somewhere else, and which is whose cannot be told.
        if (values.Count > 1)
        {
            logger.LogWarning("Ignored {Count} {Header} headers in one request: exactly one, from the ingress, is accepted", values.Count, _forwarded.Header);
            return next(context);
        }

        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !IsKnown(remote))
        {
            logger.LogWarning("Ignored a {Header} header from {Remote}, which is not in Security:ForwardedCertificate:KnownNetworks", _forwarded.Header, remote);
            return next(context);
        }

        var forwarded = ForwardedCertificateHeader.Parse(value, _forwarded.Format, out var problem);
        if (forwarded is null)
        {
            logger.LogWarning("Ignored the {Header} header from {Remote}: {Problem}", _forwarded.Header, remote, problem);
            return next(context);
        }

        context.Connection.ClientCertificate = forwarded.Certificate;
        context.Items[IntermediatesKey] = forwarded.Intermediates;
        return next(context);
    }

    private bool IsKnown(IPAddress address)
    {
        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _knownNetworks.Any(network => network.Contains(candidate));
    }
}
