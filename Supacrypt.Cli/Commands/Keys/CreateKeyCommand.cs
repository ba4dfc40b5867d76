using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary><c>supacrypt keys create NAME</c>: generates the key in the vault and shows it.</summary>
public sealed class CreateKeyCommand(Terminal terminal) : AsyncCommand<CreateKeySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CreateKeySettings settings, CancellationToken cancellationToken)
    {
        var request = new GenerateKeyRequest
        {
            Version = 1,
            Name = settings.Name,
            Algorithm = ContractValues.Algorithm(settings.Algorithm),
            Parameters = settings.Algorithm == KeyAlgorithmChoice.Rsa
                ? new KeyParameters { RsaParams = new RSAParameters { KeySize = (RSAKeySize)(settings.Size ?? 2048), PublicExponent = settings.Exponent ?? 0 } }
                : new KeyParameters { EccParams = new ECCParameters { Curve = ContractValues.Curve(settings.Curve ?? CurveChoice.P256) } },
        };
        foreach (var tag in settings.Tags)
        {
            var separator = tag.IndexOf('=', StringComparison.Ordinal);
            request.Tags[tag[..separator]] = tag[(separator + 1)..];
        }

        request.Operations.AddRange(settings.Operations);

        using var session = BackendSession.Open(settings, terminal);
        var (response, correlationId) = await session.CallAsync(
            $"Generating {settings.Name}", options => session.Client.GenerateKeyAsync(request, options), cancellationToken);
        var created = Answers.Succeeded(response.Success, response.Error, correlationId);

        if (settings.Json)
        {
            JsonOutput.Write(terminal, JsonOutput.Message(created, correlationId));
        }
        else
        {
            KeyView.Show(terminal, created.Metadata);
        }

        return ExitCodes.Success;
    }
}
