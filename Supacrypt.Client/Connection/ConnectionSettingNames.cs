namespace Supacrypt.Client;

/// <summary>
/// How a person sets each connection choice where the connection was configured, so that a message can name the fix:
/// configuration keys for applications, flags and environment variables for the <c>supacrypt</c> command.
/// </summary>
public sealed record ConnectionSettingNames(string Endpoint, string CertificateAuthority, string Certificate, string Key)
{
    /// <summary>The <c>Supacrypt:Client</c> configuration section that <c>AddSupacryptClient</c> binds.</summary>
    public static ConnectionSettingNames Configuration { get; } = new(
        Setting("Endpoint"), Setting("CertificateAuthorityPath"), Setting("CertificatePath"), Setting("KeyPath"));

    private static string Setting(string name) =>
        $"Supacrypt:Client:{name} (environment variable Supacrypt__Client__{name})";
}
