using Google.Protobuf;
using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary><c>supacrypt verify KEY [INPUT] --signature FILE</c>: exit code 0 when valid, 1 when not.</summary>
public sealed class VerifyCommand(Terminal terminal) : AsyncCommand<VerifySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        var data = await DataFiles.ReadAsync(terminal, settings.Input, cancellationToken);
        var signature = BinaryFormats.Decode(settings.Format, await DataFiles.ReadAsync(terminal, settings.Signature, cancellationToken), settings.Signature);
        using var session = BackendSession.Open(settings, terminal);
        var request = new VerifySignatureRequest
        {
            Version = 1,
            KeyId = settings.KeyId,
            Data = ByteString.CopyFrom(data),
            Signature = ByteString.CopyFrom(signature),
            IsPrehashed = settings.Prehashed,
            Parameters = settings.ToContract(),
        };
        var (response, correlationId) = await session.CallAsync("Verifying", options => session.Client.VerifySignatureAsync(request, options), cancellationToken);
        var verified = Answers.Succeeded(response.Success, response.Error, correlationId);

        if (settings.Json)
        {
            JsonOutput.Write(terminal, JsonOutput.Message(verified, correlationId));
        }
        else if (verified.IsValid)
        {
            terminal.Output.WriteLine($"valid: the signature verifies with {verified.KeyId}");
        }
        else
        {
            terminal.Error.WriteLine($"invalid: the signature does not verify with {verified.KeyId} (correlation id {correlationId})");
        }

        return verified.IsValid ? ExitCodes.Success : ExitCodes.Refused;
    }
}
