using System.ComponentModel;
using Spectre.Console.Cli;

namespace Supacrypt.Cli;

/// <summary>Options every command takes: where the backend is, who is calling, and how to report.</summary>
public class GlobalSettings : CommandSettings
{
    [CommandOption("--endpoint <URL>")]
    [Description("Backend gRPC address (default SUPACRYPT_ENDPOINT, else https://localhost:5000 with the development PKI).")]
    public string? Endpoint { get; init; }

    [CommandOption("--ca <FILE>")]
    [Description("PEM file of the authorities the server's certificate must chain to (default SUPACRYPT_CA).")]
    public string? CertificateAuthority { get; init; }

    [CommandOption("--cert <FILE>")]
    [Description("PEM client certificate (default SUPACRYPT_CERT).")]
    public string? Certificate { get; init; }

    [CommandOption("--key <FILE>")]
    [Description("PEM private key of the client certificate (default SUPACRYPT_KEY).")]
    public string? CertificateKey { get; init; }

    [CommandOption("--insecure")]
    [Description("Plaintext HTTP/2 (h2c) to a development backend; the endpoint must be http:// (default SUPACRYPT_INSECURE=true).")]
    public bool Insecure { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("Deadline of each call.")]
    [DefaultValue(60)]
    public int TimeoutSeconds { get; init; } = 60;

    [CommandOption("--json")]
    [Description("Machine-readable output.")]
    public bool Json { get; init; }

    [CommandOption("--verbose")]
    [Description("Show the full exception of a failure.")]
    public bool Verbose { get; init; }
}
