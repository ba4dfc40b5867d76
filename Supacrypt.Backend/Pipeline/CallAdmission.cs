using Grpc.Core;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.Security;
using Supacrypt.V1;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// What a call must pass before any work: the protocol version, authorization (before anything that looks at the
/// request, so a caller learns nothing about keys it may not use), the contract's size limits, and the PKCS#1 v1.5
/// decryption switch. Each refusal is an in-band error.
/// </summary>
public sealed class CallAdmission
{
    public const uint ProtocolVersion = 1;

    private readonly KeyAccess _access;
    private readonly bool _allowPkcs1Decryption;

    public CallAdmission(KeyAccess access, IOptions<SecurityOptions> options, IHostEnvironment environment)
    {
        _access = access;
        _allowPkcs1Decryption = options.Value.AllowsRsaPkcs1Decryption(environment);
    }

    /// <summary>Null when the call may go ahead; otherwise the contract's error for it.</summary>
    public ErrorDetails? Refusal(CallState call, ISupacryptRequest request)
    {
        if (request.Version > ProtocolVersion)
        {
            return Refuse(ErrorCode.InvalidRequest, $"Protocol version {request.Version} is not supported; this service speaks version {ProtocolVersion}.");
        }

        if (_access.Refusal(call.Caller, call.Rpc, call.KeyName) is { } denied)
        {
            return Refuse(ErrorCode.AuthorizationFailed, denied);
        }

        if (RequestLimits.Violation(request) is { } tooLarge)
        {
            return Refuse(ErrorCode.InvalidRequest, tooLarge);
        }

        if (!_allowPkcs1Decryption && RequestLimits.IsPkcs1Decryption(request))
        {
            return Refuse(
                ErrorCode.PaddingNotSupported,
                "RSA PKCS#1 v1.5 decryption is switched off on this service: its padding errors can serve as a decryption oracle " +
                "(Bleichenbacher; RFC 8017 section 7.2 recommends OAEP for new applications). Use OAEP, or have the operator set " +
                "Security:AllowRsaPkcs1Decryption=true for a legacy client that needs it.");
        }

        return null;
    }

    /// <summary>
    /// Which key names a ListKeys answer to this call may show. KeyListing applies it while matching, so hidden keys
    /// leave no trace in pages, page tokens or counts.
    /// </summary>
    public Func<string, bool> Visibility(CallState call)
    {
        var caller = call.Caller;
        return keyName => _access.Shows(caller, keyName);
    }

    private static ErrorDetails Refuse(ErrorCode code, string message) => new() { Code = code, Message = message };
}
