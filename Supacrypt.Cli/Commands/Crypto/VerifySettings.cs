using System.ComponentModel;
using Spectre.Console.Cli;

namespace Supacrypt.Cli.Commands;

public sealed class VerifySettings : SigningSettings
{
    [CommandOption("-s|--signature <FILE>", isRequired: true)]
    [Description("The signature, encoded as --format says.")]
    public string Signature { get; init; } = "";
}
