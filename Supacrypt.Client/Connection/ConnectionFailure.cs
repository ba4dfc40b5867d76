using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Grpc.Core;

namespace Supacrypt.Client;

/// <summary>
/// Says in words why a call never reached the backend's service (nothing listening, not HTTP/2, a server certificate
/// that does not chain to the configured authority, no client certificate) and which setting fixes it. grpc-dotnet
/// reports these as UNAVAILABLE, INTERNAL or UNAUTHENTICATED with the transport's own message.
/// </summary>
public static class ConnectionFailure
{
    // HTTP/2's HTTP_1_1_REQUIRED error code (RFC 9113 7): the peer will only speak HTTP/1.1.
    private const long Http11Required = 0xd;

    /// <summary>The explanation, or null when the failure is the backend's answer rather than the connection's.</summary>
    public static string? Explain(RpcException failure, SupacryptConnectionOptions connection, ConnectionSettingNames names)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(names);
        var endpoint = connection.Endpoint;
        var causes = Causes(failure).ToList();

        if (causes.OfType<AuthenticationException>().FirstOrDefault() is { } tls)
        {
            return ExplainTls(tls, connection, names);
        }

        // Which of these the client sees depends on timing: the server's HTTP/1.1 answer to the HTTP/2 preface, or its
        // closing the connection first ("did not complete the HTTP/2 handshake").
        if (causes.OfType<HttpProtocolException>().Any(protocol => protocol.ErrorCode == Http11Required)
            || causes.Any(cause => cause.Message.Contains("HTTP_1_1_REQUIRED", StringComparison.Ordinal)
                || cause.Message.Contains("unable to establish HTTP/2", StringComparison.OrdinalIgnoreCase)
                || cause.Message.Contains("did not complete the HTTP/2 handshake", StringComparison.OrdinalIgnoreCase))
            || failure.Status.Detail.Contains("HTTP_1_1_REQUIRED", StringComparison.Ordinal))
        {
            return $"{endpoint} does not speak HTTP/2, so it is not the backend's grpc endpoint (perhaps its health endpoint, or a TLS endpoint addressed with http://); set {names.Endpoint} to the backend's grpc endpoint.";
        }

        if (causes.OfType<SocketException>().Any(socket => socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain))
        {
            return $"nothing accepts connections at {endpoint}: is the backend running, and is {names.Endpoint} its grpc endpoint?";
        }

        if (failure.StatusCode == StatusCode.Unauthenticated && !connection.IsPlaintext)
        {
            return connection.CertificatePath is null
                ? $"the backend requires a client certificate and none was presented; set {names.Certificate} and {names.Key}."
                : $"the backend did not accept the client certificate {connection.CertificatePath} (not issued by an authority it trusts, revoked or expired); set {names.Certificate} to a certificate it accepts.";
        }

        return null;
    }

    private static string ExplainTls(AuthenticationException tls, SupacryptConnectionOptions connection, ConnectionSettingNames names)
    {
        var message = tls.Message;
        if (message.Contains("NameMismatch", StringComparison.Ordinal))
        {
            return $"the backend's certificate does not name the host {connection.Endpoint.Host}; set {names.Endpoint} to a name the certificate carries.";
        }

        if (message.Contains("NotTimeValid", StringComparison.Ordinal))
        {
            return $"the backend's certificate (or its issuer) has expired or is not yet valid; renew the server certificate, or check {names.CertificateAuthority}.";
        }

        if (message.Contains("Chain", StringComparison.OrdinalIgnoreCase) || message.Contains("UntrustedRoot", StringComparison.Ordinal))
        {
            return connection.CertificateAuthorityPath is null
                ? $"the backend's certificate does not chain to an authority this machine trusts; set {names.CertificateAuthority} to the PEM file of the authority that issued it."
                : $"the backend's certificate does not chain to the configured CA {connection.CertificateAuthorityPath}; set {names.CertificateAuthority} to the authority that issued it.";
        }

        return $"TLS with {connection.Endpoint} failed ({message.TrimEnd('.')}); check {names.CertificateAuthority}, {names.Certificate} and {names.Key}.";
    }

    private static IEnumerable<Exception> Causes(RpcException failure)
    {
        for (Exception? cause = failure.Status.DebugException; cause is not null; cause = cause.InnerException)
        {
            yield return cause;
        }
    }
}
