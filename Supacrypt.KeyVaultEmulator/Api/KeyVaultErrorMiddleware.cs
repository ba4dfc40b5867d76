namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>
/// Turns every failure into Key Vault's error envelope, so a client never sees an HTML page or an empty 500.
/// </summary>
public sealed class KeyVaultErrorMiddleware(RequestDelegate next, ILogger<KeyVaultErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (KeyVaultException error) when (!context.Response.HasStarted)
        {
            await ErrorWriter.WriteAsync(context, error);
        }
        catch (BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            // Kestrel's own refusals (a body too large is 413, not 400) keep their status in Key Vault's shape.
            await ErrorWriter.WriteAsync(context, error.StatusCode, error.StatusCode == StatusCodes.Status413PayloadTooLarge ? "RequestTooLarge" : "BadParameter", error.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
#pragma warning disable CA1031 // Last line of defence: an emulator bug must still answer in Key Vault's shape.
        catch (Exception error) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            logger.LogError(error, "Unhandled error in {Method} {Path}", context.Request.Method, context.Request.Path);
            await ErrorWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, "InternalServerError",
                "The emulator failed to process the request; see its log.");
        }
    }
}
