using System.Globalization;
using Microsoft.Net.Http.Headers;
using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Faults;

/// <summary>Answers Key Vault requests with queued faults (throttling, outages, latency, held calls) before they reach an endpoint.</summary>
public sealed class FaultInjectionMiddleware(RequestDelegate next, PendingFaults faults, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var operation = context.GetEndpoint()?.Metadata.GetMetadata<KeyVaultOperation>();
        var rule = operation is null ? null : faults.TryTake(operation.Name);
        if (rule is null)
        {
            await next(context);
            return;
        }

        if (rule.Hold)
        {
            await faults.HoldAsync(time, context.RequestAborted);
        }

        if (rule.DelayMilliseconds > 0)
        {
            await Task.Delay(rule.DelayMilliseconds, context.RequestAborted);
        }

        if (rule.Drop)
        {
            context.Abort();
            return;
        }

        if (rule.Status is not { } status)
        {
            await next(context);
            return;
        }

        if (status is 429 or 503)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = (rule.RetryAfterSeconds ?? 1).ToString(CultureInfo.InvariantCulture);
        }

        var (code, message) = Describe(status);
        await ErrorWriter.WriteAsync(context, status, code, message);
    }

    private static (string Code, string Message) Describe(int status) => status switch
    {
        429 => ("Throttled", "Request was not processed because too many requests were received (injected fault)."),
        503 => ("ServiceUnavailable", "The service is temporarily unavailable (injected fault)."),
        500 => ("InternalServerError", "The service encountered an internal error (injected fault)."),
        // Key Vault's own 401/403 texts name the caller's identity and the vault, as these do.
        401 => ("Unauthorized", "AKV10032: Invalid issuer. Expected one of https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/, found https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/ (injected fault)."),
        403 => ("Forbidden", "The user, group or application 'appid=04b07795-8ddb-461a-bbee-02f9e1bf7b46;oid=9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0;iss=https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/' does not have keys get permission on key vault 'emulator;location=local' (injected fault)."),
        404 => ("NotFound", "The resource was not found (injected fault)."),
        409 => ("Conflict", "There was a conflict with the current state of the resource (injected fault)."),
        _ when status < 500 => ("BadParameter", $"Injected fault with status {status}."),
        _ => ("ServiceError", $"Injected fault with status {status}."),
    };
}
