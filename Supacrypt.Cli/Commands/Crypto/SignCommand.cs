using Google.Protobuf;
using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary><c>supacrypt sign KEY [INPUT]</c>: the signature, in --format, to --output.</summary>
public sealed class SignCommand(Terminal terminal) : AsyncCommand<SigningSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SigningSettings settings, CancellationToken cancellationToken)
    {
        var data = await DataFiles.ReadAsync(terminal, settings.Input, cancellationToken);
        using var session = BackendSession.Open(settings, terminal);
        var request = new SignDataRequest
        {
            Version = 1,
            KeyId = settings.KeyId,
            Data = ByteString.CopyFrom(data),
            IsPrehashed = settings.Prehashed,
            Parameters = settings.ToContract(),
        };
        var (response, correlationId) = await session.CallAsync("Signing", options => session.Client.SignDataAsync(request, options), cancellationToken);
        var signed = Answers.Succeeded(response.Success, response.Error, correlationId);

        return await CommandOutput.WriteAsync(terminal, settings, signed, correlationId, BinaryFormats.Encode(settings.Format, signed.Signature.ToByteArray()), cancellationToken);
    }
}
