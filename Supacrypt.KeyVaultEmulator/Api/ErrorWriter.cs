using System.Text.Json;
using Supacrypt.KeyVaultEmulator.Json;

namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>Writes Key Vault's error envelope.</summary>
public static class ErrorWriter
{
    public static Task WriteAsync(HttpContext context, KeyVaultException error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        return WriteAsync(context, error.Status, error.Code, error.Message, error.InnerCode);
    }

    public static async Task WriteAsync(HttpContext context, int status, string code, string message, string? innerCode = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new ErrorResponseModel(new ErrorModel(code, message, innerCode is null ? null : new InnerErrorModel(innerCode)));
        await JsonSerializer.SerializeAsync(context.Response.Body, body, WireJson.Options, context.RequestAborted);
    }
}
