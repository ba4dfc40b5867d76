using Google.Protobuf;
using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary><c>supacrypt decrypt KEY [INPUT]</c>: reads the ciphertext in --format, writes the plaintext as bytes.</summary>
public sealed class DecryptCommand(Terminal terminal) : AsyncCommand<EncryptionSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EncryptionSettings settings, CancellationToken cancellationToken)
    {
        var source = settings.Input ?? "standard input";
        var ciphertext = BinaryFormats.Decode(settings.Format, await DataFiles.ReadAsync(terminal, settings.Input, cancellationToken), source);
        using var session = BackendSession.Open(settings, terminal);
        var request = new DecryptDataRequest
        {
            Version = 1,
            KeyId = settings.KeyId,
            Ciphertext = ByteString.CopyFrom(ciphertext),
            Parameters = settings.ToContract(),
        };
        var (response, correlationId) = await session.CallAsync("Decrypting", options => session.Client.DecryptDataAsync(request, options), cancellationToken);
        var decrypted = Answers.Succeeded(response.Success, response.Error, correlationId);

        return await CommandOutput.WriteAsync(terminal, settings, decrypted, correlationId, decrypted.Plaintext.ToByteArray(), cancellationToken);
    }
}
