using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary><c>supacrypt keys show KEY</c>: the key's metadata.</summary>
public sealed class ShowKeyCommand(Terminal terminal) : AsyncCommand<KeySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, KeySettings settings, CancellationToken cancellationToken)
    {
        using var session = BackendSession.Open(settings, terminal);
        var request = new GetKeyRequest { Version = 1, KeyId = settings.KeyId, IncludePublicKey = settings.Json };
        var (response, correlationId) = await session.CallAsync("Reading the key", options => session.Client.GetKeyAsync(request, options), cancellationToken);
        var key = Answers.Succeeded(response.Success, response.Error, correlationId);

        if (settings.Json)
        {
            JsonOutput.Write(terminal, JsonOutput.Message(key, correlationId));
        }
        else
        {
            KeyView.Show(terminal, key.Metadata);
        }

        return ExitCodes.Success;
    }
}
