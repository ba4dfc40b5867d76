using System.ComponentModel;
using System.Text;
using Google.Protobuf;
using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary>The contract's RSA EncryptionParameters as options.</summary>
public class EncryptionSettings : DataSettings
{
    [CommandOption("--padding <PADDING>")]
    [Description("oaep (default) or pkcs1 (only where the backend allows it).")]
    [DefaultValue(PaddingChoice.Oaep)]
    public PaddingChoice Padding { get; init; } = PaddingChoice.Oaep;

    [CommandOption("--oaep-hash <HASH>")]
    [Description("OAEP hash: sha256 (default), sha1 (Key Vault's RSA-OAEP), sha384 or sha512.")]
    [DefaultValue(HashChoice.Sha256)]
    public HashChoice OaepHash { get; init; } = HashChoice.Sha256;

    [CommandOption("--oaep-label <TEXT>")]
    [Description("OAEP label, as UTF-8 text.")]
    public string? OaepLabel { get; init; }

    public override Spectre.Console.ValidationResult Validate()
    {
        if (Padding is PaddingChoice.Pss or PaddingChoice.Default)
        {
            return Spectre.Console.ValidationResult.Error("--padding for encryption is oaep or pkcs1.");
        }

        if (Padding == PaddingChoice.Pkcs1 && OaepLabel is not null)
        {
            return Spectre.Console.ValidationResult.Error("--oaep-label applies to --padding oaep only.");
        }

        return base.Validate();
    }

    public EncryptionParameters ToContract() => new()
    {
        RsaParams = new RSAEncryptionParameters
        {
            PaddingScheme = ContractValues.Padding(Padding),
            // The contract has no SHA-1 value: unset is how a request asks for OAEP with SHA-1.
            OaepHash = Padding == PaddingChoice.Oaep && OaepHash != HashChoice.Sha1 ? ContractValues.Hash(OaepHash) : HashAlgorithm.Unspecified,
            OaepLabel = OaepLabel is null ? ByteString.Empty : ByteString.CopyFrom(Encoding.UTF8.GetBytes(OaepLabel)),
        },
    };
}
