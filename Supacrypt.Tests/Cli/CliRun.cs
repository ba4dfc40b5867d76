using System.Text;
using System.Text.Json;
using Spectre.Console;
using Supacrypt.Cli;

namespace Supacrypt.Tests.Cli;

/// <summary>What one in-process run of the <c>supacrypt</c> command left behind.</summary>
public sealed record CliResult(int ExitCode, string Text, byte[] Bytes, string Error)
{
    public JsonElement Json() => JsonDocument.Parse(Text).RootElement;

    public override string ToString() => $"exit {ExitCode}; output: {Text.Trim()}{Encoding.UTF8.GetString(Bytes).Trim()}; error: {Error.Trim()}";
}

/// <summary>Runs the command application in this process with captured standard streams and a chosen environment.</summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(
        IEnumerable<string> args, byte[]? standardInput = null, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var text = new StringWriter();
        var error = new StringWriter();
        var bytes = new MemoryStream();
        var terminal = new Terminal
        {
            Console = Captured(text),
            Status = Captured(error),
            Output = text,
            Error = error,
            OpenStandardInput = () => new MemoryStream(standardInput ?? []),
            OpenStandardOutput = () => bytes,
            Environment = name => environment?.GetValueOrDefault(name),
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var exitCode = await SupacryptApp.RunAsync(args.ToArray(), terminal, timeout.Token);
        return new CliResult(exitCode, text.ToString(), bytes.ToArray(), error.ToString());
    }

    private static IAnsiConsole Captured(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });

        // Wide enough that tables never wrap a key name.
        console.Profile.Width = 250;
        return console;
    }
}
