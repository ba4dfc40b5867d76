using Azure.Core;
using Azure.Core.Pipeline;

namespace Supacrypt.Backend.Telemetry;

/// <summary>
/// Counts and times every HTTP request the Key Vault pipeline sends. It sits after the retry policy, so each
/// attempt is recorded with its own status and whether it was a retry of an earlier attempt of the same call.
/// </summary>
internal sealed class KeyVaultRequestMetricsPolicy(BackendTelemetry telemetry, TimeProvider time) : HttpPipelinePolicy
{
    private const string AttemptsProperty = "supacrypt.keyvault.attempts";

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var retried = CountAttempt(message) > 1;
        var started = time.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception exception)
        {
            Record(message, retried, started, exception);
            throw;
        }

        Record(message, retried, started, null);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var retried = CountAttempt(message) > 1;
        var started = time.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (Exception exception)
        {
            Record(message, retried, started, exception);
            throw;
        }

        Record(message, retried, started, null);
    }

    private static int CountAttempt(HttpMessage message)
    {
        var attempt = message.TryGetProperty(AttemptsProperty, out var previous) && previous is int count ? count + 1 : 1;
        message.SetProperty(AttemptsProperty, attempt);
        return attempt;
    }

    private void Record(HttpMessage message, bool retried, long started, Exception? exception)
    {
        var status = message.HasResponse ? message.Response.Status : (int?)null;
        var errorType = exception is not null
            ? exception.GetType().FullName
            : status >= 400 ? status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        telemetry.RecordKeyVaultRequest(KeyVaultOperationName.Of(message.Request), status, errorType, retried, time.GetElapsedTime(started));
    }
}
