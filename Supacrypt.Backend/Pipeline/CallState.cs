using Grpc.Core;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.Security;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.Pipeline;

/// <summary>
/// What the pipeline learned about one call, set as a feature of its request: who calls, which RPC, the key the
/// request names (parsed once, here), the correlation id, and the tags the key operations add as they learn.
/// </summary>
public sealed class CallState
{
    private readonly KeyOperationException? _keyProblem;
    private int _keyVaultRequests;

    public CallState(string rpc, CallerIdentity caller, string correlationId, string? keyId)
    {
        Rpc = rpc;
        Caller = caller;
        CorrelationId = correlationId;
        if (keyId is null)
        {
            return;
        }

        KeyId = KeyReference.Printable(keyId);
        if (KeyReference.TryParse(keyId, out var key, out _keyProblem))
        {
            Key = key;
            (KeyName, KeyVersion) = (key.Name, key.Version);
        }
        else
        {
            var separator = keyId.IndexOf('/');
            (KeyName, KeyVersion) = separator < 0 ? (keyId, null) : (keyId[..separator], keyId[(separator + 1)..]);
        }
    }

    public string Rpc { get; }

    public CallerIdentity Caller { get; }

    public string CorrelationId { get; }

    /// <summary>The request's key id as it may appear in logs; empty when the RPC names no key.</summary>
    public string KeyId { get; } = "";

    /// <summary>The name part of the key id as sent (valid or not), what authorization judges; null when the RPC names no key.</summary>
    public string? KeyName { get; }

    /// <summary>The version part of the key id as sent, or null when it names none.</summary>
    public string? KeyVersion { get; }

    public KeyReference? Key { get; }

    public OperationTags Tags { get; } = new();

    /// <summary>Requests sent to Key Vault for this call so far, retries included.</summary>
    public int KeyVaultRequests => Volatile.Read(ref _keyVaultRequests);

    /// <summary>The key the request names; an invalid or missing key id is the caller's INVALID_REQUEST.</summary>
    public KeyReference RequiredKey => Key ?? throw (Exception?)_keyProblem ?? new InvalidOperationException($"{Rpc} names no key.");

    public void CountKeyVaultRequest() => Interlocked.Increment(ref _keyVaultRequests);

    public static CallState Of(ServerCallContext context) =>
        context.GetHttpContext().Features.Get<CallState>() ?? throw new InvalidOperationException("The call did not pass through the call pipeline.");
}
