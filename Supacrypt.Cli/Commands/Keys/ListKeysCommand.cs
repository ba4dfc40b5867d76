using Spectre.Console;
using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary><c>supacrypt keys list</c>: every page unless --page-token asks for one.</summary>
public sealed class ListKeysCommand(Terminal terminal) : AsyncCommand<ListKeysSettings>
{
    private const int MaxPages = 10_000;

    public override async Task<int> ExecuteAsync(CommandContext context, ListKeysSettings settings, CancellationToken cancellationToken)
    {
        using var session = BackendSession.Open(settings, terminal);
        var keys = new List<KeyMetadata>();
        var pageToken = settings.PageToken ?? "";
        for (var page = 0; page < MaxPages; page++)
        {
            var request = new ListKeysRequest
            {
                Version = 1,
                Filter = settings.Filter ?? "",
                PageSize = settings.PageSize,
                PageToken = pageToken,
                IncludeDisabled = settings.IncludeDisabled,
            };
            var (response, correlationId) = await session.CallAsync("Listing keys", options => session.Client.ListKeysAsync(request, options), cancellationToken);
            var listed = Answers.Succeeded(response.Success, response.Error, correlationId);
            keys.AddRange(listed.Keys);
            pageToken = listed.NextPageToken;
            if (settings.PageToken is not null || pageToken.Length == 0)
            {
                break;
            }
        }

        if (settings.Json)
        {
            JsonOutput.Write(terminal, new { keys = keys.Select(JsonOutput.Message).ToList(), nextPageToken = pageToken });
            return ExitCodes.Success;
        }

        KeyView.List(terminal, keys);
        if (settings.PageToken is not null && pageToken.Length > 0)
        {
            terminal.Console.WriteLine($"next page: --page-token {pageToken}");
        }

        return ExitCodes.Success;
    }
}
