using System.Globalization;
using Supacrypt.Perf;

// dotnet run -c Release --project Supacrypt.Perf -- figures [--seconds 10] [--update docs/PERFORMANCE.md]
// dotnet run -c Release --project Supacrypt.Perf -- soak [--minutes 10] [--interval-seconds 30] [--concurrency 16] [--latency-ms 0] [--error-rate 0]
var command = args.FirstOrDefault();
string? Option(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
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
    default:
        Console.Error.WriteLine("usage: Supacrypt.Perf figures [--seconds N] [--update FILE] | soak [--minutes N] [--interval-seconds N] [--concurrency N] [--latency-ms N] [--error-rate F]");
        return 2;
}
