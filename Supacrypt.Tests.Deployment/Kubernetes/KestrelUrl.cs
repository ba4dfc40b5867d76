using System.Text.RegularExpressions;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// A Kestrel endpoint URL as configuration writes it ("https://+:5000", "http://*:8081"): scheme, host and port.
internal sealed partial record KestrelUrl(string Scheme, string Host, int Port)
{
    public bool IsTls => Scheme == "https";

    public static bool TryParse(string value, out KestrelUrl url)
    {
        var match = Pattern().Match(value);
        url = match.Success
            ? new KestrelUrl(match.Groups["scheme"].Value, match.Groups["host"].Value, int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture))
            : new KestrelUrl("", "", 0);
        return match.Success && url.Port is > 0 and < 65536;
    }

    public static KestrelUrl Parse(string value) =>
        TryParse(value, out var url) ? url : throw new FormatException($"'{value}' is not a Kestrel endpoint URL.");

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>[^:/]+|\[[^\]]+\]):(?<port>\d{1,5})/?$")]
    private static partial Regex Pattern();
}
