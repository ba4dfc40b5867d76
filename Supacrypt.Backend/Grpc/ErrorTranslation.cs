using System.Globalization;
using Azure;
using Grpc.Core;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Keys;
using Supacrypt.V1;

namespace Supacrypt.Backend.Grpc;

/// <summary>
/// The contract's error rules: domain failures in-band as <see cref="ErrorDetails"/>; failures a client should
/// retry (throttling, Key Vault unreachable, timeouts) as gRPC status codes its retry logic understands.
/// </summary>
internal static class ErrorTranslation
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    public static ErrorDetails ToDetails(KeyOperationException exception)
    {
        var details = new ErrorDetails { Code = exception.Code, Message = exception.Message, ProviderError = exception.ProviderError ?? "" };
        details.Context.Add(exception.Context);
        return details;
    }

    public static ErrorDetails ToDetails(ErrorCode code, string message) => new() { Code = code, Message = message };

    /// <summary>An in-band error for Key Vault answers that are the caller's to act on; null for transient ones.</summary>
    public static ErrorDetails? ToDetails(KeyVaultException exception)
    {
        var code = exception.Status switch
        {
            400 => ErrorCode.InvalidRequest,
            401 => ErrorCode.AuthenticationFailed,
            403 when IsKeyStateRefusal(exception) => ErrorCode.OperationNotSupported,
            403 => ErrorCode.AuthorizationFailed,
            404 => ErrorCode.KeyNotFound,
            409 => ErrorCode.KeyAlreadyExists,
            408 or 429 or >= 500 => (ErrorCode?)null,
            _ => ErrorCode.AzureKvError,
        };
        if (code is null)
        {
            return null;
        }

        var message = exception.Status switch
        {
            401 => "The backend could not authenticate to Key Vault; check its KeyVault:Credential configuration.",
            403 when IsKeyStateRefusal(exception) => $"Key Vault refused the operation because of the key's state: {exception.Message}",
            403 => $"Key Vault refused the operation: {exception.Message}",
            _ => exception.Message,
        };
        return new ErrorDetails { Code = code.Value, Message = message, ProviderError = exception.ErrorCode ?? "" };
    }

    // A 403 for the key's own state (disabled, expired, not yet valid, operation outside key_ops) is not a
    // permission problem; the backend checks these itself, but its cached view of a key can be seconds old.
    private static bool IsKeyStateRefusal(KeyVaultException exception) =>
        exception.InnerErrorCode is "KeyDisabled" or "KeyExpired" or "KeyNotYetValid" or "KeyOperationForbidden";

    public static RpcException ToTransientStatus(KeyVaultException exception)
    {
        if (exception.Status == 429)
        {
            // Key Vault does not always name a wait; a client is still told one rather than guessing.
            var retryAfter = exception.RetryAfter ?? DefaultRetryAfter;
            var trailers = new Metadata { { "retry-after-ms", ((long)retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) } };

            return new RpcException(new Status(StatusCode.ResourceExhausted, $"Key Vault is throttling requests; retry later. {exception.Message}"), trailers);
        }

        return exception.Status == 408
            ? new RpcException(new Status(StatusCode.DeadlineExceeded, "Key Vault did not answer in time; retry."))
            : new RpcException(new Status(StatusCode.Unavailable, $"Key Vault is unavailable ({exception.Status}): {exception.Message} Retry later."));
    }

    public static RpcException ToTransientStatus(RequestFailedException exception) =>
        new(new Status(StatusCode.Unavailable, $"Key Vault is unreachable: {exception.Message}"));

    public static bool IsExhaustedRetries(AggregateException exception) =>
        exception.Flatten().InnerExceptions.All(inner => inner is RequestFailedException or OperationCanceledException or KeyVaultException);

    /// <summary>
    /// The last attempt decides: a timeout is DEADLINE_EXCEEDED, a connection failure UNAVAILABLE, a refusal by the
    /// backend's own request queue (after earlier attempts failed) what that refusal says.
    /// </summary>
    public static RpcException ToTransientStatus(AggregateException exception) =>
        exception.Flatten().InnerExceptions[^1] switch
        {
            OperationCanceledException => new RpcException(new Status(StatusCode.DeadlineExceeded, "Key Vault did not answer within the configured timeout; retry.")),
            KeyVaultException last => ToTransientStatus(last),
            var last => new RpcException(new Status(StatusCode.Unavailable, $"Key Vault is unreachable: {last.Message}")),
        };
}
