using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Spectre.Console.Cli;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary>
/// <c>supacrypt doctor</c>: the backend address, the CA, the client certificate, its expiry and reachability, one
/// line each, pass or fail, with the flag or environment variable that fixes a failure. Exit code 0 when all pass,
/// 3 otherwise.
/// </summary>
public sealed class DoctorCommand(Terminal terminal, TimeProvider time) : AsyncCommand<GlobalSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, GlobalSettings settings, CancellationToken cancellationToken)
    {
        var report = new DoctorReport();
        try
        {
            var connection = ConnectionChoice.Resolve(settings, terminal);
            report.Pass("backend", connection.IsPlaintext ? $"{connection.Endpoint} (h2c, no TLS)" : $"{connection.Endpoint} (mutual TLS)");
            CheckAuthority(report, connection.CertificateAuthorityPath);
            CheckClientCertificate(report, connection);
            if (report.AllPassed)
            {
                await CheckReachabilityAsync(report, settings, cancellationToken);
            }
            else
            {
                report.Fail("reachability", "not tried: fix the failures above first.");
            }
        }
        catch (UsageException usage)
        {
            report.Fail("backend", usage.Message);
        }

        report.Write(terminal, settings.Json);
        return report.AllPassed ? ExitCodes.Success : ExitCodes.Connection;
    }

    private static void CheckAuthority(DoctorReport report, string? path)
    {
        if (path is null)
        {
            report.Pass("ca", "none given: the server must chain to an authority this machine trusts (--ca or SUPACRYPT_CA to name one).");
            return;
        }

        try
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(path);
            report.Check("ca", authorities.Count > 0,
                authorities.Count > 0 ? $"{path}: {authorities[0].Subject}, valid until {authorities[0].NotAfter.ToUniversalTime():yyyy-MM-dd}." : $"{path} holds no PEM certificate; --ca (or SUPACRYPT_CA) must name the backend's CA.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            report.Fail("ca", $"cannot read {path} ({exception.Message.TrimEnd('.')}); --ca (or SUPACRYPT_CA) must name the backend's CA as PEM.");
        }
    }

    private void CheckClientCertificate(DoctorReport report, Supacrypt.Client.SupacryptConnectionOptions connection)
    {
        if (connection.IsPlaintext)
        {
            report.Pass("client certificate", "none: h2c has no client identity.");
            return;
        }

        if (connection.CertificatePath is null)
        {
            report.Fail("client certificate", "none given; the backend requires one over TLS: pass --cert and --key (or set SUPACRYPT_CERT and SUPACRYPT_KEY).");
            return;
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPemFile(connection.CertificatePath, connection.KeyPath);
            report.Pass("client certificate", $"{certificate.Subject} from {connection.CertificatePath}, with its private key.");
            var now = time.GetUtcNow();
            var remaining = certificate.NotAfter.ToUniversalTime() - now.UtcDateTime;
            report.Check("certificate expiry", certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && remaining > TimeSpan.Zero,
                remaining > TimeSpan.Zero
                    ? $"valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC ({remaining.TotalDays:F0} days left)."
                    : $"expired at {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; issue a new certificate for --cert (or SUPACRYPT_CERT).");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            report.Fail("client certificate",
                $"cannot load {connection.CertificatePath}{(connection.KeyPath is null ? "" : $" with {connection.KeyPath}")} ({exception.Message.TrimEnd('.')}); --cert and --key (or SUPACRYPT_CERT and SUPACRYPT_KEY) must name a PEM certificate and its private key.");
        }
    }

    private async Task CheckReachabilityAsync(DoctorReport report, GlobalSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            using var session = BackendSession.Open(settings, terminal);
            var started = Stopwatch.GetTimestamp();
            var request = new ListKeysRequest { Version = 1, PageSize = 1 };
            var (response, _) = await session.CallAsync("Calling the backend", options => session.Client.ListKeysAsync(request, options), cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            report.Pass("reachability", response.ResultCase == ListKeysResponse.ResultOneofCase.Error
                ? $"the backend answered in {elapsed.TotalMilliseconds:F0} ms and refused ListKeys for this caller: {ErrorCodeNames.Of(response.Error.Code)}."
                : $"the backend answered in {elapsed.TotalMilliseconds:F0} ms.");
        }
        catch (Exception exception) when (exception is CallFailedException or UsageException)
        {
            report.Fail("reachability", exception.Message);
        }
    }
}
