using Supacrypt.DevPki;

// dotnet run --project Supacrypt.DevPki -- [--output DIR] [--san NAME ...]
string? output = null;
var serverNames = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--output" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--san" when i + 1 < args.Length:
            serverNames.Add(args[++i]);
            break;
        case "-h" or "--help":
            Console.WriteLine("Usage: Supacrypt.DevPki [--output DIR] [--san NAME ...]");
            Console.WriteLine($"Creates (once) the development CA, server, admin and signer certificates and a CRL; default DIR is {DevelopmentPki.DefaultRelativeDirectory} at the repository root.");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. Usage: Supacrypt.DevPki [--output DIR] [--san NAME ...]");
            return 2;
    }
}

output ??= Path.Combine(
    DevelopmentPki.FindRepositoryRoot(Environment.CurrentDirectory) ?? DevelopmentPki.FindRepositoryRoot(AppContext.BaseDirectory) ?? Environment.CurrentDirectory,
    DevelopmentPki.DefaultRelativeDirectory);
var files = DevelopmentPki.EnsureCreated(output, serverNames);
Console.WriteLine($"Development PKI in {files.Directory}: ca.crt, server.crt/.key, admin.crt/.key ({DevelopmentPki.AdminSubject}), signer.crt/.key ({DevelopmentPki.SignerSubject}), ca.crl");
return 0;
