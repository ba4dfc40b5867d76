using System.Globalization;
using Microsoft.Net.Http.Headers;
using Supacrypt.KeyVaultEmulator.Api;
using Supacrypt.KeyVaultEmulator.Keys;

namespace Supacrypt.KeyVaultEmulator.Load;

/// <summary>
/// Applies <see cref="LoadModel"/> to Key Vault requests (not to health or admin requests): first the added latency,
/// then a dropped connection or a server error at their rates, then the quota, which answers 429 with Retry-After.
/// </summary>
public sealed class LoadModelMiddleware(RequestDelegate next, LoadModel model, KeyStore store)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var operation = context.GetEndpoint()?.Metadata.GetMetadata<KeyVaultOperation>();
        if (operation is not null)
        {
            model.CountRequest();
        }

        var settings = model.Current;
        if (operation is null || settings.IsOff)
        {
            await next(context);
            return;
        }

        var latency = LoadModel.LatencyOf(settings);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, model.Time, context.RequestAborted);
        }

        if (LoadModel.Draw(settings.DropRate))
        {
            context.Abort();
            return;
        }

        if (LoadModel.Draw(settings.ErrorRate))
        {
            await WriteServerErrorAsync(context);
            return;
        }

        if (settings.Throttling && model.Quota.TryCharge(await QuotaCharge.OfAsync(context, operation.Name, store)) is { } wait)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds(wait);
            await ErrorWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Throttled",
                "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached");
            return;
        }

        await next(context);
    }

    private static Task WriteServerErrorAsync(HttpContext context)
    {
        if (Random.Shared.Next(2) == 0)
        {
            return ErrorWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, "InternalServerError",
                "The service encountered an internal error (emulated error rate).");
        }

        context.Response.Headers[HeaderNames.RetryAfter] = "1";
        return ErrorWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable",
            "The service is temporarily unavailable (emulated error rate).");
    }

    // Whole seconds, rounded up, and at least one: a client that waits Retry-After must find the new window open.
    private static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
