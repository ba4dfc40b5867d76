using System.Text.Json;
using Azure;
using Supacrypt.Backend.KeyVault.Models;

namespace Supacrypt.Backend.KeyVault;

/// <summary>Key Vault answered with an error status; carries its code and message for translation.</summary>
public sealed class KeyVaultException : Exception
{
    public KeyVaultException(int status, string? errorCode, string message, TimeSpan? retryAfter = null, string? innerErrorCode = null)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
        InnerErrorCode = innerErrorCode;
    }

    public KeyVaultException()
    {
    }

    public KeyVaultException(string message) : base(message)
    {
    }

    public KeyVaultException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public int Status { get; }

    /// <summary>Key Vault's error code, such as <c>KeyNotFound</c>, <c>Forbidden</c> or <c>BadParameter</c>.</summary>
    public string? ErrorCode { get; }

    public string? InnerErrorCode { get; }

    public TimeSpan? RetryAfter { get; }

    internal static KeyVaultException FromResponse(Response response)
    {
        KeyVaultError? error = null;
        try
        {
            if (response.ContentStream is not null)
            {
                error = JsonSerializer.Deserialize(response.Content.ToMemory().Span, KeyVaultJsonContext.Default.KeyVaultErrorBody)?.Error;
            }
        }
        catch (JsonException)
        {
            // A proxy or gateway may answer with HTML; the status still says what happened.
        }

        var retryAfter = KeyVaultResponseClassifier.RetryAfterOf(response);
        var message = string.IsNullOrWhiteSpace(error?.Message) ? $"Key Vault answered {response.Status} {response.ReasonPhrase}." : error.Message;
        return new KeyVaultException(response.Status, error?.Code, message, retryAfter, error?.InnerError?.Code);
    }
}
