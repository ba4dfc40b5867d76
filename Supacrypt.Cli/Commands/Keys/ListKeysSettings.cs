using System.ComponentModel;
using Spectre.Console.Cli;

namespace Supacrypt.Cli.Commands;

public sealed class ListKeysSettings : GlobalSettings
{
    [CommandOption("--filter <TEXT>")]
    [Description("Only keys whose name starts with this.")]
    public string? Filter { get; init; }

    [CommandOption("--page-size <COUNT>")]
    [Description("Keys per call (the backend caps it).")]
    [DefaultValue(25u)]
    public uint PageSize { get; init; } = 25;

    [CommandOption("--page-token <TOKEN>")]
    [Description("Continue from a previous page and show that page only, with the next token.")]
    public string? PageToken { get; init; }

    [CommandOption("--include-disabled")]
    [Description("Also list disabled keys.")]
    public bool IncludeDisabled { get; init; }
}
