using System.Security.Cryptography;
using System.Text;
using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary><c>supacrypt pubkey KEY</c>: the public key as PEM or DER SubjectPublicKeyInfo.</summary>
public sealed class PublicKeyCommand(Terminal terminal) : AsyncCommand<PublicKeySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PublicKeySettings settings, CancellationToken cancellationToken)
    {
        using var session = BackendSession.Open(settings, terminal);
        var request = new GetKeyRequest { Version = 1, KeyId = settings.KeyId, IncludePublicKey = true };
        var (response, correlationId) = await session.CallAsync("Reading the public key", options => session.Client.GetKeyAsync(request, options), cancellationToken);
        var key = Answers.Succeeded(response.Success, response.Error, correlationId);
        var subjectPublicKeyInfo = key.PublicKey?.KeyData.ToByteArray() ?? [];
        if (subjectPublicKeyInfo.Length == 0)
        {
            throw new RefusedException(new ErrorDetails { Code = ErrorCode.InternalError, Message = "The backend returned no public key." }, correlationId);
        }

        if (settings.Json)
        {
            JsonOutput.Write(terminal, new { keyId = key.Metadata.KeyId, pem = PemEncoding.WriteString("PUBLIC KEY", subjectPublicKeyInfo), correlationId });
            return ExitCodes.Success;
        }

        var content = settings.Format == PublicKeyFormat.Der
            ? subjectPublicKeyInfo
            : Encoding.ASCII.GetBytes(PemEncoding.WriteString("PUBLIC KEY", subjectPublicKeyInfo) + "\n");
        await DataFiles.WriteAsync(terminal, settings.Output, content, cancellationToken);
        return ExitCodes.Success;
    }
}
