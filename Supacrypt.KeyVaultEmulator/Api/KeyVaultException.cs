namespace Supacrypt.KeyVaultEmulator.Api;

/// <summary>
/// A refusal that Key Vault would send: HTTP status, error code, message and an optional inner code.
/// Thrown anywhere below the endpoints and turned into the error envelope by <see cref="KeyVaultErrorMiddleware"/>.
/// </summary>
public sealed class KeyVaultException : Exception
{
    public KeyVaultException(int status, string code, string message, string? innerCode = null)
        : base(message)
    {
        Status = status;
        Code = code;
        InnerCode = innerCode;
    }

    public KeyVaultException()
        : this(StatusCodes.Status500InternalServerError, "InternalServerError", "Internal error.")
    {
    }

    public KeyVaultException(string message)
        : this(StatusCodes.Status400BadRequest, "BadParameter", message)
    {
    }

    public KeyVaultException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
        Code = "BadParameter";
    }

    public int Status { get; }

    public string Code { get; }

    public string? InnerCode { get; }
}
