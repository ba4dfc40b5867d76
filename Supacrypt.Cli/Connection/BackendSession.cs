using Grpc.Core;
using Grpc.Net.Client;
using Spectre.Console;
using Supacrypt.Client;
using Supacrypt.V1;

namespace Supacrypt.Cli;

/// <summary>One channel to the backend for one command; each call gets a correlation id, a deadline and a spinner.</summary>
public sealed class BackendSession : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Terminal _terminal;
    private readonly TimeSpan _timeout;

    private BackendSession(GrpcChannel channel, SupacryptConnectionOptions connection, Terminal terminal, TimeSpan timeout)
    {
        _channel = channel;
        _terminal = terminal;
        _timeout = timeout;
        Connection = connection;
        Client = new SupacryptService.SupacryptServiceClient(channel);
    }

    public SupacryptService.SupacryptServiceClient Client { get; }

    public SupacryptConnectionOptions Connection { get; }

    public static BackendSession Open(GlobalSettings settings, Terminal terminal)
    {
        if (settings.TimeoutSeconds <= 0)
        {
            throw new UsageException("--timeout must be a positive number of seconds.");
        }

        var connection = ConnectionChoice.Resolve(settings, terminal);
        var problems = ConnectionCheck.Problems(connection, ConnectionChoice.Names);
        if (problems.Count > 0)
        {
            throw new UsageException(string.Join(" ", problems));
        }

        return new BackendSession(SupacryptChannel.Create(connection), connection, terminal, TimeSpan.FromSeconds(settings.TimeoutSeconds));
    }

    /// <summary>Runs one call with a fresh correlation id; failures carry that id to the error line.</summary>
    public async Task<(TResponse Response, string CorrelationId)> CallAsync<TResponse>(
        string activity, Func<CallOptions, AsyncUnaryCall<TResponse>> call, CancellationToken cancellationToken)
    {
        var correlationId = CorrelationId.Next();
        var options = new CallOptions(CorrelationId.Headers(correlationId), DateTime.UtcNow + _timeout, cancellationToken);
        try
        {
            var response = _terminal.Status.Profile.Capabilities.Interactive
                ? await _terminal.Status.Status().StartAsync(activity, _ => call(options).ResponseAsync)
                : await call(options).ResponseAsync;
            return (response, correlationId);
        }
        catch (RpcException failure) when (failure.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            throw new CallFailedException(failure, correlationId, ConnectionFailure.Explain(failure, Connection, ConnectionChoice.Names));
        }
    }

    public void Dispose() => _channel.Dispose();
}
