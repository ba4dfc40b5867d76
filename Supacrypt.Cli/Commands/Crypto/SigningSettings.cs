using System.ComponentModel;
using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary>The contract's SigningParameters as options; unset options leave the backend's documented defaults.</summary>
public class SigningSettings : DataSettings
{
    [CommandOption("--hash <HASH>")]
    [Description("sha256, sha384 or sha512 (default: SHA-256 for RSA, the curve's hash for EC).")]
    [DefaultValue(HashChoice.Default)]
    public HashChoice Hash { get; init; }

    [CommandOption("--padding <PADDING>")]
    [Description("RSA padding: pkcs1 (default) or pss.")]
    [DefaultValue(PaddingChoice.Default)]
    public PaddingChoice Padding { get; init; }

    [CommandOption("--salt-length <BYTES>")]
    [Description("PSS salt length (default: the hash's length).")]
    public uint? SaltLength { get; init; }

    [CommandOption("--prehashed")]
    [Description("The input is already the digest (exactly the hash's length).")]
    public bool Prehashed { get; init; }

    public override Spectre.Console.ValidationResult Validate()
    {
        if (Hash == HashChoice.Sha1)
        {
            return Spectre.Console.ValidationResult.Error("--hash sha1 is not a signing hash of the contract; use sha256, sha384 or sha512.");
        }

        if (Padding == PaddingChoice.Oaep)
        {
            return Spectre.Console.ValidationResult.Error("--padding oaep is for encryption; signing takes pkcs1 or pss.");
        }

        if (SaltLength is not null && Padding != PaddingChoice.Pss)
        {
            return Spectre.Console.ValidationResult.Error("--salt-length applies to --padding pss only.");
        }

        return base.Validate();
    }

    public SigningParameters? ToContract()
    {
        if (Hash == HashChoice.Default && Padding == PaddingChoice.Default)
        {
            return null;
        }

        var parameters = new SigningParameters { HashAlgorithm = ContractValues.Hash(Hash) };
        if (Padding != PaddingChoice.Default)
        {
            parameters.RsaParams = new RSASigningParameters { PaddingScheme = ContractValues.Padding(Padding), SaltLength = SaltLength ?? 0 };
        }

        return parameters;
    }
}
