using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Supacrypt.Tests.Infrastructure;

/// <summary>
/// Ports for servers a test starts on loopback. A port the kernel hands out for port 0 comes from the ephemeral range,
/// and between this check and the server's own bind any outgoing connection of any process (the test hosts open
/// thousands) may take it as its local port. These ports lie below the ephemeral range, where no outgoing connection
/// is ever given one. Each process walks the range from its own random start, so two test hosts rarely meet, and a port
/// something else already listens on is skipped.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;
    private static readonly int End = EphemeralRangeStart();
    private static int _next = Random.Shared.Next(Lowest, End);

    public static int Next()
    {
        for (var attempt = 0; attempt < End - Lowest; attempt++)
        {
            var port = Lowest + (int)((uint)(Interlocked.Increment(ref _next) - Lowest) % (uint)(End - Lowest));
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {End}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Linux says where its ephemeral range starts; elsewhere the IANA range (49152 up) is the usual one.
    private static int EphemeralRangeStart()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        var start = File.Exists(Range) && int.TryParse(File.ReadAllText(Range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            ? first
            : 49_152;
        return Math.Max(start, Lowest + 1_000);
    }
}
