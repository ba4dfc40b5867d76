using System.Globalization;
using Supacrypt.Perf;

// dotnet run -c Release --project Supacrypt.Perf -- figures [--seconds 10] [--update docs/PERFORMANCE.md]
// dotnet run -c Release --project Supacrypt.Perf -- soak [--minutes 10] [--interval-seconds 30] [--concurrency 16] [--latency-ms 0] [--error-rate 0]
// dotnet run -c Release --project Supacrypt.Perf -- ab [--a DLL|EXECUTABLE] [--b DLL|EXECUTABLE] [--a-set NAME=VALUE]... [--b-set NAME=VALUE]... [--seconds 5] [--slices 4]
var command = args.FirstOrDefault();
string? Option(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
Dictionary<string, string> Settings(string name) => args.Select((arg, index) => (arg, index))
    .Where(pair => pair.arg == name && pair.index + 1 < args.Length)
    .Select(pair => args[pair.index + 1].Split('=', 2))
    .ToDictionary(setting => setting[0], setting => setting.Length == 2 ? setting[1] : "", StringComparer.Ordinal);
double Number(string name, double fallback) => Option(name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

switch (command)
{
    case "figures":
        var table = await new Figures(Console.Out, TimeSpan.FromSeconds(Number("--seconds", 10))).RunAsync();
        Console.WriteLine();
        Console.Write(table);
        if (Option("--update") is { } document)
        {
            FigureTable.Replace(document, table);
            Console.WriteLine($"Updated the figures in {document}.");
        }

        return 0;
    case "soak":
        var latency = Number("--latency-ms", 0);
        var errorRate = Number("--error-rate", 0);
        await new Soak(
            Console.Out,
            TimeSpan.FromMinutes(Number("--minutes", 10)),
            TimeSpan.FromSeconds(Number("--interval-seconds", 30)),
            (int)Number("--concurrency", 16),
            latency > 0 || errorRate > 0 ? new { latencyMilliseconds = (int)latency, errorRate } : null).RunAsync();
        return 0;
    case "ab":
        var comparison = new Comparison(
            [new Side("A", Option("--a") ?? Side.ShippedBackend, Settings("--a-set")), new Side("B", Option("--b") ?? Side.ShippedBackend, Settings("--b-set"))],
            TimeSpan.FromSeconds(Number("--seconds", 5)),
            (int)Number("--slices", 4));
        comparison.Print(Console.Out, await comparison.RunAsync());
        return 0;
    default:
        Console.Error.WriteLine("usage: Supacrypt.Perf figures [--seconds N] [--update FILE] | soak [--minutes N] [--interval-seconds N] [--concurrency N] [--latency-ms N] [--error-rate F] | ab [--a DLL|EXECUTABLE] [--b DLL|EXECUTABLE] [--a-set NAME=VALUE]... [--b-set NAME=VALUE]... [--seconds N] [--slices N]");
        return 2;
}
