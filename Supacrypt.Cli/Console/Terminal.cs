using Spectre.Console;

namespace Supacrypt.Cli;

/// <summary>
/// Everything the commands read from or write to outside the backend, so that tests can run the whole command
/// application in-process and capture it: standard streams, environment variables and the working directory.
/// </summary>
public sealed class Terminal
{
    /// <summary>Tables and messages for people, on standard output.</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Spinners and live progress, on standard error so that redirected output stays clean.</summary>
    public required IAnsiConsole Status { get; init; }

    /// <summary>Plain text on standard output, never wrapped: JSON, base64, hex, PEM.</summary>
    public required TextWriter Output { get; init; }

    /// <summary>One-line errors and verbose diagnostics.</summary>
    public required TextWriter Error { get; init; }

    public required Func<Stream> OpenStandardInput { get; init; }

    public required Func<Stream> OpenStandardOutput { get; init; }

    public required Func<string, string?> Environment { get; init; }

    public required string WorkingDirectory { get; init; }

    public static Terminal FromSystemConsole()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            // Piped tables are read by programs and people alike; never wrap a key name at a guessed 80 columns.
            console.Profile.Width = 250;
        }

        return new Terminal
        {
            Console = console,
            Status = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) }),
            Output = System.Console.Out,
            Error = System.Console.Error,
            OpenStandardInput = System.Console.OpenStandardInput,
            OpenStandardOutput = System.Console.OpenStandardOutput,
            Environment = System.Environment.GetEnvironmentVariable,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };
    }
}
