using Supacrypt.V1;

namespace Supacrypt.Backend.Keys;

/// <summary>A domain refusal: reported in-band as <see cref="ErrorDetails"/> with a code and a message a person can act on.</summary>
public sealed class KeyOperationException : Exception
{
    public KeyOperationException(ErrorCode code, string message, string? providerError = null) : base(message)
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

    public ErrorCode Code { get; } = ErrorCode.InternalError;

    /// <summary>Key Vault's own error code, when the refusal came from Key Vault.</summary>
    public string? ProviderError { get; }

    public IDictionary<string, string> Context { get; } = new Dictionary<string, string>();
}
