using Grpc.Core;
using Microsoft.Extensions.Options;
using Supacrypt.V1;

namespace Supacrypt.Backend.Security;

/// <summary>
/// What a call must pass before any work: authorization (first, so a caller learns nothing about keys it may not
/// use), the contract's size limits, and the PKCS#1 v1.5 decryption switch. Each refusal is an in-band error.
/// </summary>
public sealed class CallAdmission
{
    private readonly KeyAccess _access;
    private readonly bool _allowPkcs1Decryption;

    public CallAdmission(KeyAccess access, IOptions<SecurityOptions> options)
    {
        _access = access;
        _allowPkcs1Decryption = options.Value.AllowRsaPkcs1Decryption;
    }

    /// <summary>Null when the call may go ahead; otherwise the contract's error for it.</summary>
    public (ErrorCode Code, string Message)? Refusal(string rpc, string keyId, CallerIdentity caller, object? request)
    {
        var keyName = rpc == nameof(SupacryptService.SupacryptServiceClient.ListKeys) ? null : keyId.Split('/')[0];
        if (_access.Refusal(caller, rpc, keyName) is { } denied)
        {
            return (ErrorCode.AuthorizationFailed, denied);
        }

        if (RequestLimits.Violation(request) is { } tooLarge)
        {
            return (ErrorCode.InvalidRequest, tooLarge);
        }

        if (!_allowPkcs1Decryption && RequestLimits.IsPkcs1Decryption(request))
        {
            return (ErrorCode.PaddingNotSupported, "RSA PKCS#1 v1.5 decryption is switched off on this service (Security:AllowRsaPkcs1Decryption=false); use OAEP.");
        }

        return null;
    }

    /// <summary>
    /// Which key names a ListKeys answer to this call may show. KeyListing applies it while matching, so hidden keys
    /// leave no trace in pages, page tokens or counts.
    /// </summary>
    public static Func<string, bool> Visibility(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var access = http.RequestServices.GetRequiredService<KeyAccess>();
        var caller = CallerIdentity.Of(http);
        return keyName => access.Shows(caller, keyName);
    }
}
