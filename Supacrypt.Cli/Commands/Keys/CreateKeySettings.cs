using System.ComponentModel;
using Spectre.Console.Cli;

namespace Supacrypt.Cli.Commands;

public sealed class CreateKeySettings : GlobalSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Name of the new key (letters, digits and '-', at most 127).")]
    public string Name { get; init; } = "";

    [CommandOption("-a|--algorithm <ALGORITHM>")]
    [Description("rsa, ec or ecdsa.")]
    [DefaultValue(KeyAlgorithmChoice.Rsa)]
    public KeyAlgorithmChoice Algorithm { get; init; } = KeyAlgorithmChoice.Rsa;

    [CommandOption("--size <BITS>")]
    [Description("RSA key size: 2048 (default), 3072 or 4096.")]
    public int? Size { get; init; }

    [CommandOption("--exponent <NUMBER>")]
    [Description("RSA public exponent (default 65537).")]
    public uint? Exponent { get; init; }

    [CommandOption("--curve <CURVE>")]
    [Description("EC curve: p256 (default), p384 or p521.")]
    public CurveChoice? Curve { get; init; }

    [CommandOption("-t|--tag <NAME=VALUE>")]
    [Description("A tag; repeat for more.")]
    public string[] Tags { get; init; } = [];

    [CommandOption("--operation <OPERATION>")]
    [Description("Allowed operation (sign, verify, encrypt, decrypt, wrapKey, unwrapKey); repeat for more. Default: all the key type supports.")]
    public string[] Operations { get; init; } = [];

    public override Spectre.Console.ValidationResult Validate()
    {
        if (Algorithm == KeyAlgorithmChoice.Rsa && Curve is not null)
        {
            return Spectre.Console.ValidationResult.Error("--curve applies to ec and ecdsa keys; RSA keys take --size.");
        }

        if (Algorithm != KeyAlgorithmChoice.Rsa && (Size is not null || Exponent is not null))
        {
            return Spectre.Console.ValidationResult.Error("--size and --exponent apply to RSA keys; EC keys take --curve.");
        }

        if (Tags.FirstOrDefault(tag => tag.IndexOf('=', StringComparison.Ordinal) <= 0) is { } badTag)
        {
            return Spectre.Console.ValidationResult.Error($"The tag '{badTag}' is not NAME=VALUE.");
        }

        return base.Validate();
    }
}
