using System.Diagnostics;
using System.Diagnostics.Metrics;
using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Telemetry;

/// <summary>
/// Counts and times every Key Vault request the emulator answers, by the operation's REST API name and the final
/// status (injected faults and errors included), on the emulator's own meter: the vault's side of the backend's
/// <c>supacrypt.keyvault.*</c> metrics.
/// </summary>
public sealed class RequestMetricsMiddleware
{
    public const string MeterName = "Supacrypt.KeyVaultEmulator";

    private readonly RequestDelegate _next;
    private readonly TimeProvider _time;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public RequestMetricsMiddleware(RequestDelegate next, IMeterFactory meterFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _next = next;
        _time = time;
        // The meter factory owns the meter and disposes it with the host.
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("supacrypt.emulator.requests", "{request}", "Key Vault requests the emulator answered, by operation and status.");
        _duration = meter.CreateHistogram<double>("supacrypt.emulator.request.duration", "s", "Time the emulator took to answer a Key Vault request.");
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = _time.GetTimestamp();
        try
        {
            await _next(context);
        }
        finally
        {
            // Requests outside the Key Vault API (health, the fault API) are not vault traffic.
            if (context.GetEndpoint()?.Metadata.GetMetadata<KeyVaultOperation>() is { } operation)
            {
                var tags = new TagList
                {
                    { "supacrypt.keyvault.operation", operation.Name },
                    { "http.response.status_code", context.Response.StatusCode },
                };
                _requests.Add(1, tags);
                _duration.Record(_time.GetElapsedTime(started).TotalSeconds, tags);
            }
        }
    }
}
