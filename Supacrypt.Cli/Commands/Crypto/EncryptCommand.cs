using Google.Protobuf;
using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary><c>supacrypt encrypt KEY [INPUT]</c>: the ciphertext, in --format, to --output.</summary>
public sealed class EncryptCommand(Terminal terminal) : AsyncCommand<EncryptionSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EncryptionSettings settings, CancellationToken cancellationToken)
    {
        var plaintext = await DataFiles.ReadAsync(terminal, settings.Input, cancellationToken);
        using var session = BackendSession.Open(settings, terminal);
        var request = new EncryptDataRequest
        {
            Version = 1,
            KeyId = settings.KeyId,
            Plaintext = ByteString.CopyFrom(plaintext),
            Parameters = settings.ToContract(),
        };
        var (response, correlationId) = await session.CallAsync("Encrypting", options => session.Client.EncryptDataAsync(request, options), cancellationToken);
        var encrypted = Answers.Succeeded(response.Success, response.Error, correlationId);

        return await CommandOutput.WriteAsync(terminal, settings, encrypted, correlationId, BinaryFormats.Encode(settings.Format, encrypted.Ciphertext.ToByteArray()), cancellationToken);
    }
}
