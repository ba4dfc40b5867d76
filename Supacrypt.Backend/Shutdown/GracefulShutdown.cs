using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Shutdown;

/// <summary>
/// On SIGTERM (the host's stopping phase, before Kestrel stops listening) begins draining and waits until the calls
/// in flight have ended or the grace period is over; then the host stops Kestrel and the process exits 0.
/// </summary>
internal sealed partial class GracefulShutdown(CallDrain drain, IOptions<ShutdownOptions> options, TimeProvider time, ILogger<GracefulShutdown> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var grace = options.Value.ShutdownGracePeriod;
        var drained = drain.BeginAsync();
        LogDraining(logger, drain.InFlight, grace.TotalSeconds);
        try
        {
            await drained.WaitAsync(grace, time, cancellationToken);
            LogDrained(logger);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            LogGraceOver(logger, drain.InFlight);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: refusing new calls, waiting up to {GraceSeconds} s for {InFlight} in flight")]
    private static partial void LogDraining(ILogger logger, int inFlight, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: every call in flight has ended")]
    private static partial void LogDrained(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down: the grace period is over with {InFlight} calls still in flight; they are cut off")]
    private static partial void LogGraceOver(ILogger logger, int inFlight);
}
