
namespace Supacrypt.Backend.Keys;

/// <summary>A domain refusal: reported in-band as the contract's ErrorDetails with a code and a message a person can act on.</summary>
public sealed class KeyOperationException : Exception
{
    public KeyOperationException(KeyError code, string message, string? providerError = null) : base(message)
    {
        Code = code;
        ProviderError = providerError;
    }

    public KeyOperationException()
    {
    }

    public KeyOperationException(string message) : base(message)
    {
    }

    public KeyOperationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public KeyError Code { get; } = KeyError.InternalError;

    /// <summary>Key Vault's own error code, when the refusal came from Key Vault.</summary>
    public string? ProviderError { get; }

    public IDictionary<string, string> Context { get; } = new Dictionary<string, string>();
}
