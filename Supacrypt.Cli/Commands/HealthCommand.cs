using System.Diagnostics;
using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary>
/// <c>supacrypt health</c>: one ListKeys call of one key proves the whole path (TLS, this caller's identity, the
/// backend, its key vault) and shows how long it took.
/// </summary>
public sealed class HealthCommand(Terminal terminal) : AsyncCommand<GlobalSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, GlobalSettings settings, CancellationToken cancellationToken)
    {
        using var session = BackendSession.Open(settings, terminal);
        var connection = session.Connection;
        var started = Stopwatch.GetTimestamp();
        var request = new ListKeysRequest { Version = 1, PageSize = 1 };
        var (response, correlationId) = await session.CallAsync("Calling the backend", options => session.Client.ListKeysAsync(request, options), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Answers.Succeeded(response.Success, response.Error, correlationId);

        if (settings.Json)
        {
            JsonOutput.Write(terminal, new
            {
                status = "healthy",
                endpoint = connection.Endpoint.ToString(),
                tls = !connection.IsPlaintext,
                clientCertificate = connection.CertificatePath,
                latencyMilliseconds = elapsed.TotalMilliseconds,
                correlationId,
            });
        }
        else
        {
            var transport = connection.IsPlaintext ? "h2c, no client identity" : $"mutual TLS as {connection.CertificatePath ?? "no client certificate"}";
            terminal.Output.WriteLine($"healthy: {connection.Endpoint} ({transport}) answered in {elapsed.TotalMilliseconds:F1} ms");
        }

        return ExitCodes.Success;
    }
}
