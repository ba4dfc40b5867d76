using Grpc.Net.Client;
using Supacrypt.Client;
using Supacrypt.V1;

namespace Supacrypt.Cli.Bench;

/// <summary>One channel per requested connection, each held to a single HTTP/2 connection so the count is exact.</summary>
internal sealed class BenchChannels : IDisposable
{
    private readonly GrpcChannel[] _channels;

    public BenchChannels(SupacryptConnectionOptions connection, int count)
    {
        _channels = Enumerable.Range(0, count).Select(_ =>
        {
            var handler = SupacryptChannel.CreateHandler(connection);
            handler.EnableMultipleHttp2Connections = false;
            return SupacryptChannel.Create(connection, handler);
        }).ToArray();
        Clients = _channels.Select(SupacryptChannel.CreateClient).ToArray();
    }

    public IReadOnlyList<SupacryptService.SupacryptServiceClient> Clients { get; }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
