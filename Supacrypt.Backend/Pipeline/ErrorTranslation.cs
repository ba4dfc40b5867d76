using System.Globalization;
using Azure;
using Azure.Identity;
using Grpc.Core;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Keys;
using Supacrypt.V1;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// The contract's error rules: domain failures in-band as <see cref="ErrorDetails"/>; failures a client should
/// retry (throttling, Key Vault unreachable, timeouts) as gRPC status codes its retry logic understands.
/// </summary>
internal static class ErrorTranslation
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    public static ErrorDetails ToDetails(KeyOperationException exception)
    {
        var details = new ErrorDetails { Code = ToContract(exception.Code), Message = exception.Message, ProviderError = exception.ProviderError ?? "" };
        details.Context.Add(exception.Context);
        return details;
    }

    public static ErrorDetails ToDetails(ErrorCode code, string message) => new() { Code = code, Message = message };

    public static ErrorCode ToContract(KeyError error) => error switch
    {
        KeyError.InvalidRequest => ErrorCode.InvalidRequest,
        KeyError.KeyNotFound => ErrorCode.KeyNotFound,
        KeyError.KeyAlreadyExists => ErrorCode.KeyAlreadyExists,
        KeyError.UnsupportedAlgorithm => ErrorCode.UnsupportedAlgorithm,
        KeyError.OperationNotSupported => ErrorCode.OperationNotSupported,
        KeyError.AuthorizationFailed => ErrorCode.AuthorizationFailed,
        KeyError.KeySizeNotSupported => ErrorCode.KeySizeNotSupported,
        KeyError.CurveNotSupported => ErrorCode.CurveNotSupported,
        KeyError.HashNotSupported => ErrorCode.HashNotSupported,
        KeyError.PaddingNotSupported => ErrorCode.PaddingNotSupported,
        KeyError.DecryptionFailed => ErrorCode.DecryptionFailed,
        KeyError.AzureKvError => ErrorCode.AzureKvError,
        _ => ErrorCode.InternalError,
    };

    /// <summary>
    /// An in-band error for Key Vault answers that are the caller's to act on; null for transient ones. A 401 or 403
    /// text names the backend's tenant, identity and vault, so callers get a fixed message with the trace id under
    /// which the caller logs Key Vault's own words.
    /// </summary>
    public static ErrorDetails? ToDetails(KeyVaultException exception, string traceId)
    {
        var code = exception.Status switch
        {
            400 => ErrorCode.InvalidRequest,
            401 => ErrorCode.AuthenticationFailed,
            403 when KeyStateRefusal(exception) is not null => ErrorCode.OperationNotSupported,
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
            401 => $"The backend could not authenticate to Key Vault; check its KeyVault:Credential configuration. Details are logged under trace id {traceId}.",
            403 when KeyStateRefusal(exception) is { } reason => $"Key Vault refused the operation because {reason}.",
            403 => $"Key Vault refused the operation: the backend's identity lacks a permission it needs. Details are logged under trace id {traceId}.",
            _ => exception.Message,
        };
        var details = new ErrorDetails { Code = code.Value, Message = message, ProviderError = exception.ErrorCode ?? "" };
        if (exception.Status is 401 or 403)
        {
            details.Context["trace_id"] = traceId;
        }

        return details;
    }

    /// <summary>Whether Key Vault's text may reach callers: only for answers that cannot name the backend's identity.</summary>
    public static bool IsPrivate(KeyVaultException exception) => exception.Status is 401 or 403;

    // A 403 for the key's own state (disabled, expired, not yet valid, operation outside key_ops) is not a
    // permission problem; the backend checks these itself, but its cached view of a key can be seconds old.
    private static string? KeyStateRefusal(KeyVaultException exception) => exception.InnerErrorCode switch
    {
        "KeyDisabled" => "the key is disabled",
        "KeyExpired" => "the key has expired",
        "KeyNotYetValid" => "the key is not valid yet",
        "KeyOperationForbidden" => "the key's key_ops do not permit it",
        _ => null,
    };

    /// <summary>Azure.Identity could not get a token (managed identity endpoint down, secret expired): retryable.</summary>
    public static RpcException ToTransientStatus(AuthenticationFailedException exception, string traceId) =>
        new(new Status(
            StatusCode.Unavailable,
            $"The backend could not obtain a Key Vault token ({exception.GetType().Name}); retry later. Details are logged under trace id {traceId}."));

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

    /// <summary>
    /// A transport failure. Its text names the vault's host, address and port (Azure.Core and the socket layer
    /// write them), so callers get a fixed message and the trace id under which the backend logged the details.
    /// </summary>
    public static RpcException ToTransientStatus(RequestFailedException exception, string traceId) =>
        new(new Status(StatusCode.Unavailable, Unreachable(traceId)));

    public static bool IsExhaustedRetries(AggregateException exception) =>
        exception.Flatten().InnerExceptions.All(inner => inner is RequestFailedException or OperationCanceledException or KeyVaultException);

    /// <summary>
    /// The last attempt decides: a timeout is DEADLINE_EXCEEDED, a connection failure UNAVAILABLE, a refusal by the
    /// backend's own request queue (after earlier attempts failed) what that refusal says.
    /// </summary>
    public static RpcException ToTransientStatus(AggregateException exception, string traceId) =>
        exception.Flatten().InnerExceptions[^1] switch
        {
            OperationCanceledException => new RpcException(new Status(StatusCode.DeadlineExceeded, "Key Vault did not answer within the configured timeout; retry.")),
            KeyVaultException last => ToTransientStatus(last),
            _ => new RpcException(new Status(StatusCode.Unavailable, Unreachable(traceId))),
        };

    private static string Unreachable(string traceId) =>
        $"Key Vault is unreachable; retry later. Details are logged under trace id {traceId}.";
}
