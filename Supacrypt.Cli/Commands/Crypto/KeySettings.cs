using System.ComponentModel;
using Spectre.Console.Cli;

namespace Supacrypt.Cli.Commands;

/// <summary>Settings of a command that works with one key, optionally one pinned version of it.</summary>
public class KeySettings : GlobalSettings
{
    // A positional argument: --key names the client certificate's private key, as for every command.
    [CommandArgument(0, "<KEY>")]
    [Description("Name of the key.")]
    public string KeyName { get; init; } = "";

    [CommandOption("--key-version <VERSION>")]
    [Description("Pin one version of the key (default: the current version).")]
    public string? KeyVersion { get; init; }

    /// <summary>The contract's key_id: <c>name</c> or <c>name/version</c>.</summary>
    public string KeyId => KeyVersion is null ? KeyName : $"{KeyName}/{KeyVersion}";
}

/// <summary>Settings of a command that reads data and writes a result.</summary>
public class DataSettings : KeySettings
{
    [CommandArgument(1, "[INPUT]")]
    [Description("Input file; without it, standard input.")]
    public string? Input { get; init; }

    [CommandOption("-o|--output <FILE>")]
    [Description("Output file; without it, standard output.")]
    public string? Output { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("Encoding of signatures and ciphertexts: raw, base64 or hex.")]
    [DefaultValue(BinaryFormat.Raw)]
    public BinaryFormat Format { get; init; } = BinaryFormat.Raw;
}
