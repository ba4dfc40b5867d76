using System.ComponentModel;
using Spectre.Console.Cli;

namespace Supacrypt.Cli.Commands;

public sealed class DeleteKeySettings : KeySettings
{
    [CommandOption("--force")]
    [Description("The contract's force flag: delete even where the backend would otherwise refuse.")]
    public bool Force { get; init; }
}
