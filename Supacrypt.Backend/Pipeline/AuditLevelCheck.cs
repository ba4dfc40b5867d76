namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// Warns at start-up when logging configuration silences the audit category: the shipped settings pin
/// <c>Logging:LogLevel:Supacrypt.Audit</c> at Information, and an override that drops it leaves no audit trail.
/// </summary>
internal sealed partial class AuditLevelCheck(AuditLog audit, ILogger<AuditLevelCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!audit.IsEnabled)
        {
            LogAuditDisabled(logger, AuditLog.Category);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning,
        "The audit trail is switched off: log category {Category} is below Information. Set Logging:LogLevel:Supacrypt.Audit=Information (and the same for any logging provider that overrides it) to record who used which key.")]
    private static partial void LogAuditDisabled(ILogger logger, string category);
}
