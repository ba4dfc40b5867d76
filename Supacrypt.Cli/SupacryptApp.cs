using System.Reflection;
using Spectre.Console.Cli;
using Supacrypt.Cli.Bench;
using Supacrypt.Cli.Commands;

namespace Supacrypt.Cli;

/// <summary>The <c>supacrypt</c> command tree; <see cref="RunAsync"/> is the whole program, minus the real console.</summary>
public static class SupacryptApp
{
    /// <summary>The informational version (<c>1.2.3+commit</c>), set from the release tag at pack time.</summary>
    public static string Version { get; } =
        typeof(SupacryptApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static async Task<int> RunAsync(string[] args, Terminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(terminal);
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("supacrypt");
            config.SetApplicationVersion(Version);
            // A misspelt flag must never fall back to a default: `sign --hsah sha512` would sign with SHA-256.
            config.UseStrictParsing();
            config.ConfigureConsole(terminal.Console);
            config.PropagateExceptions();
            config.Settings.Registrar.RegisterInstance(terminal);
            config.Settings.Registrar.RegisterInstance(TimeProvider.System);
            config.AddBranch("keys", keys =>
            {
                keys.SetDescription("Create, list, show and delete keys.");
                keys.AddCommand<CreateKeyCommand>("create").WithDescription("Generate a key.").WithExample("keys", "create", "release-signing", "--algorithm", "ec", "--curve", "p384");
                keys.AddCommand<ListKeysCommand>("list").WithDescription("List keys.");
                keys.AddCommand<ShowKeyCommand>("show").WithDescription("Show a key's metadata.");
                keys.AddCommand<DeleteKeyCommand>("delete").WithDescription("Delete a key.");
            });
            config.AddCommand<SignCommand>("sign").WithDescription("Sign data with a key.").WithExample("sign", "release-signing", "app.tar.gz", "-o", "app.sig");
            config.AddCommand<VerifyCommand>("verify").WithDescription("Verify a signature; exit code 1 when it is invalid.");
            config.AddCommand<EncryptCommand>("encrypt").WithDescription("Encrypt data with an RSA key.");
            config.AddCommand<DecryptCommand>("decrypt").WithDescription("Decrypt data with an RSA key.");
            config.AddCommand<PublicKeyCommand>("pubkey").WithDescription("Print a key's public key (PEM or DER).");
            config.AddCommand<HealthCommand>("health").WithDescription("Check that the backend answers this caller.");
            config.AddCommand<DoctorCommand>("doctor").WithDescription("Check the backend address, CA, client certificate and its expiry, and reachability; one line each.");
            config.AddCommand<BenchCommand>("bench").WithDescription("Closed-loop load benchmark, optionally against raw in-process crypto.");
        });

        try
        {
            return await app.RunAsync(args, cancellationToken);
        }
        catch (Exception exception)
        {
            return FailureReport.Write(exception, terminal.Error, args.Contains("--verbose"));
        }
    }
}
