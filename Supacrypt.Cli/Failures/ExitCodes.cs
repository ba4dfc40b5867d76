namespace Supacrypt.Cli;

/// <summary>The process exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The backend refused the operation (an in-band error, a denied permission), or a signature is invalid.</summary>
    public const int Refused = 1;

    /// <summary>The command line or a file it names is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The backend could not be reached, or TLS or the client identity failed.</summary>
    public const int Connection = 3;
}
