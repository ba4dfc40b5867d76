using System.Net;
using System.Net.Sockets;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Says at start-up whom the forwarded-certificate header is believed from, and warns about networks wider than one
/// subnet: an IPv4 network wider than a /24, an IPv6 network wider than a /64 (IPv6's standard subnet size). Every
/// address in them can claim any client certificate unless the proxy also authenticates with its own certificate.
/// </summary>
internal static class TrustedNetworks
{
    private const int WidestIPv4Prefix = 24;
    private const int WidestIPv6Prefix = 64;

    public static void Log(IReadOnlyList<IPNetwork> networks, bool proxyCertificateRequired, ILogger logger)
    {
        logger.LogInformation(
            "Forwarded client certificates are believed from {Networks}{Proxy}",
            networks.Count == 0 ? "any address" : string.Join(", ", networks),
            proxyCertificateRequired ? ", only over a connection presenting a proxy certificate from Security:ForwardedCertificate:ProxyCertificateAuthorityPath" : "");
        foreach (var network in networks.Where(IsWide))
        {
            logger.LogWarning(
                "Security:ForwardedCertificate:KnownNetworks entry {Network} is wider than a /{Limit}: any address in it can claim any client certificate{Advice}",
                network, network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? WidestIPv6Prefix : WidestIPv4Prefix,
                proxyCertificateRequired ? "" : "; narrow it to the ingress's addresses or set Security:ForwardedCertificate:ProxyCertificateAuthorityPath");
        }
    }

    public static bool IsWide(IPNetwork network) =>
        network.PrefixLength < (network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? WidestIPv6Prefix : WidestIPv4Prefix);
}
