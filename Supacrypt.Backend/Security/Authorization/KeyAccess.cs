using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Supacrypt.Backend.Security;

/// <summary>
/// The authorization policy in force. It follows configuration as it changes (revoking a client needs no restart);
/// a change that does not validate is logged and the previous policy stays.
/// </summary>
public sealed class KeyAccess : IDisposable
{
    private readonly bool _enforced;
    private readonly ILogger<KeyAccess> _logger;
    private readonly IOptionsFactory<SecurityOptions> _factory;
    private readonly IDisposable? _subscription;
    private readonly IDisposable _rejections;
    private volatile KeyAccessPolicy _policy;

    public KeyAccess(IOptionsMonitor<SecurityOptions> options, IOptionsFactory<SecurityOptions> factory, IConfiguration configuration, ILogger<KeyAccess> logger)
    {
        _factory = factory;
        _logger = logger;
        var current = options.CurrentValue;
        _enforced = current.Mode != TransportSecurity.Insecure;
        _policy = new KeyAccessPolicy(current.Authorization.Clients);
        _subscription = options.OnChange(Update);
        _rejections = ChangeToken.OnChange(configuration.GetReloadToken, ReportRejectedChange);
    }

    /// <summary>Null when allowed; otherwise the refusal, worded the same whether or not the key exists.</summary>
    public string? Refusal(CallerIdentity caller, string rpc, string? keyName)
    {
        if (!_enforced || _policy.Allows(caller, rpc, keyName))
        {
            return null;
        }

        var subject = CallerIdentity.Printable(caller.Subject);
        return keyName is null
            ? $"{subject} is not allowed to call {rpc}."
            : $"{subject} is not allowed to call {rpc} on key '{keyName}'.";
    }

    public bool Shows(CallerIdentity caller, string keyName) => !_enforced || _policy.Shows(caller, keyName);

    private void Update(SecurityOptions options)
    {
        try
        {
            _policy = new KeyAccessPolicy(options.Authorization.Clients);
            _logger.LogInformation("Authorization policy reloaded: {Count} client entries", options.Authorization.Clients.Count);
        }
        catch (Exception exception) when (exception is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            _logger.LogError("The changed authorization policy is invalid and was not applied: {Reason}", exception.Message);
        }
    }

    // A change that fails validation never reaches Update: the options monitor drops it without a word, and an
    // operator who just revoked a client must learn that the revocation did not take. The settings are validated
    // afresh here, as the monitor's own cache may not have seen the change yet.
    private void ReportRejectedChange()
    {
        try
        {
            _factory.Create(Options.DefaultName);
        }
        catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException)
        {
            // InvalidOperationException: a value the binder cannot convert, such as a misspelt role.
            _logger.LogError("The changed security settings are invalid and were not applied; the previous authorization policy stays: {Reason}", exception.Message);
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _rejections.Dispose();
    }
}
