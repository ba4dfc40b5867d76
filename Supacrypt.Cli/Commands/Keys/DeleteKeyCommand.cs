using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary><c>supacrypt keys delete KEY</c>.</summary>
public sealed class DeleteKeyCommand(Terminal terminal) : AsyncCommand<DeleteKeySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DeleteKeySettings settings, CancellationToken cancellationToken)
    {
        using var session = BackendSession.Open(settings, terminal);
        var request = new DeleteKeyRequest { Version = 1, KeyId = settings.KeyId, Force = settings.Force };
        var (response, correlationId) = await session.CallAsync("Deleting the key", options => session.Client.DeleteKeyAsync(request, options), cancellationToken);
        var deleted = Answers.Succeeded(response.Success, response.Error, correlationId);

        if (settings.Json)
        {
            JsonOutput.Write(terminal, JsonOutput.Message(deleted, correlationId));
        }
        else
        {
            terminal.Output.WriteLine($"deleted {deleted.KeyId} at {deleted.DeletedAt?.ToDateTimeOffset():u}");
        }

        return ExitCodes.Success;
    }
}
