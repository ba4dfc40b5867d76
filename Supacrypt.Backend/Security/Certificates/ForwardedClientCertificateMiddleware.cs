using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Security;

/// <summary>
/// With <c>Security:Mode=ForwardedClientCertificate</c>, takes the client certificate from the ingress's header. Any
/// certificate the request already had is cleared first. The header is believed only from the proxy: one presenting
/// a certificate from <c>Security:ForwardedCertificate:ProxyCertificateAuthorityPath</c> when that is set, and one
/// connecting from <c>Security:ForwardedCertificate:KnownNetworks</c> when those are set; otherwise it is ignored and
/// the caller has no certificate. Authentication then validates it like a direct one.
/// </summary>
internal sealed class ForwardedClientCertificateMiddleware
{
    private static readonly object IntermediatesKey = new();
    private readonly RequestDelegate _next;
    private readonly ProxyTrust _proxy;
    private readonly ILogger<ForwardedClientCertificateMiddleware> _logger;
    private readonly ForwardedCertificateOptions _forwarded;
    private readonly List<IPNetwork> _knownNetworks;

    public ForwardedClientCertificateMiddleware(
        RequestDelegate next, IOptions<SecurityOptions> options, ProxyTrust proxy, ILogger<ForwardedClientCertificateMiddleware> logger)
    {
        _next = next;
        _proxy = proxy;
        _logger = logger;
        _forwarded = options.Value.ForwardedCertificate;
        _knownNetworks = _forwarded.KnownNetworks.Select(IPNetwork.Parse).ToList();
        TrustedNetworks.Log(_knownNetworks, proxy.IsRequired, logger);
    }

    public static X509Certificate2Collection? IntermediatesOf(HttpContext context) =>
        context.Items.TryGetValue(IntermediatesKey, out var intermediates) ? intermediates as X509Certificate2Collection : null;

    public Task InvokeAsync(HttpContext context)
    {
        // On an https hop the connection's certificate is the proxy's: it speaks for the hop, never for the caller.
        var proxyCertificate = context.Connection.ClientCertificate;
        context.Features.Set<ITlsConnectionFeature>(new ForwardedCertificateFeature(null));
        context.Items[IntermediatesKey] = new X509Certificate2Collection();

        var values = context.Request.Headers[_forwarded.Header];
        var value = values.ToString();
        if (value.Length == 0)
        {
            return _next(context);
        }

        // The ingress writes one header; a second one came from somewhere else, and which is whose cannot be told.
        if (values.Count > 1)
        {
            _logger.LogWarning("Ignored {Count} {Header} headers in one request: exactly one, from the ingress, is accepted", values.Count, _forwarded.Header);
            return _next(context);
        }

        var remote = context.Connection.RemoteIpAddress;
        if (_proxy.IsRequired && proxyCertificate is null)
        {
            _logger.LogWarning("Ignored a {Header} header from {Remote}, whose connection presented no proxy certificate (Security:ForwardedCertificate:ProxyCertificateAuthorityPath)", _forwarded.Header, remote);
            return _next(context);
        }

        if (_knownNetworks.Count > 0 && (remote is null || !IsKnown(remote)))
        {
            _logger.LogWarning("Ignored a {Header} header from {Remote}, which is not in Security:ForwardedCertificate:KnownNetworks", _forwarded.Header, remote);
            return _next(context);
        }

        var forwarded = ForwardedCertificateHeader.Parse(value, _forwarded.Format, out var problem);
        if (forwarded is null)
        {
            _logger.LogWarning("Ignored the {Header} header from {Remote}: {Problem}", _forwarded.Header, remote, problem);
            return _next(context);
        }

        context.Features.Set<ITlsConnectionFeature>(new ForwardedCertificateFeature(forwarded.Certificate));
        context.Items[IntermediatesKey] = forwarded.Intermediates;
        return _next(context);
    }

    private bool IsKnown(IPAddress address)
    {
        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _knownNetworks.Any(network => network.Contains(candidate));
    }
}
