using System.ComponentModel;
using Spectre.Console.Cli;

namespace Supacrypt.Cli.Commands;

public enum PublicKeyFormat
{
    Pem,
    Der,
}

public sealed class PublicKeySettings : KeySettings
{
    [CommandOption("-o|--output <FILE>")]
    [Description("Output file; without it, standard output.")]
    public string? Output { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("pem (default) or der: a SubjectPublicKeyInfo that openssl reads directly.")]
    [DefaultValue(PublicKeyFormat.Pem)]
    public PublicKeyFormat Format { get; init; } = PublicKeyFormat.Pem;
}
