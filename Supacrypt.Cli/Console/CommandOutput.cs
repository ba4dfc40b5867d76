using Google.Protobuf;
using Supacrypt.Cli.Commands;

namespace Supacrypt.Cli;

/// <summary>The result of a data command: with --json the whole answer, else the bytes to --output or standard output.</summary>
internal static class CommandOutput
{
    public static async Task<int> WriteAsync(
        Terminal terminal, DataSettings settings, IMessage success, string correlationId, byte[] content, CancellationToken cancellationToken)
    {
        if (settings.Json)
        {
            JsonOutput.Write(terminal, JsonOutput.Message(success, correlationId));
        }
        else
        {
            await DataFiles.WriteAsync(terminal, settings.Output, content, cancellationToken);
        }

        return ExitCodes.Success;
    }
}
