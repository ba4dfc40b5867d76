using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Supacrypt.Backend.Security;

/// <summary>
/// The intermediate certificates a client sent at its connection's TLS handshake. Every call on the connection is judged
/// again (a CRL may have changed since), and without them a client of an intermediate that the CA bundle does not hold
/// would be refused. Kept with the connection, never shared between connections: another handshake presenting the same
/// leaf cannot change what this one is judged with.
/// </summary>
internal sealed class HandshakeIntermediates
{
    // The validation callback has no connection parameter; it runs within the handshake's own asynchronous flow.
    private static readonly AsyncLocal<HandshakeIntermediates?> Handshaking = new();

    private X509Certificate2Collection? _presented;

    public static void Begin(ConnectionContext connection)
    {
        var intermediates = new HandshakeIntermediates();
        connection.Items[typeof(HandshakeIntermediates)] = intermediates;
        Handshaking.Value = intermediates;
    }

    /// <summary>Keeps copies: the handshake's certificate objects belong to SslStream, which may dispose them.</summary>
    public static void Remember(X509Certificate2Collection? intermediates)
    {
        if (Handshaking.Value is { } handshake && intermediates is { Count: > 0 })
        {
            handshake._presented = [.. intermediates.Select(intermediate => X509CertificateLoader.LoadCertificate(intermediate.RawData))];
        }
    }

    public static X509Certificate2Collection? Of(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(typeof(HandshakeIntermediates), out var value) == true
            && value is HandshakeIntermediates handshake
            ? handshake._presented
            : null;
}
