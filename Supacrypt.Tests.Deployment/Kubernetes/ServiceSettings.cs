using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Supacrypt.Backend.KeyVault;
using Supacrypt.KeyVaultEmulator;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// Which environment variables a service really reads: its options classes (by reflection), plus the few names read
// elsewhere, each with the reason. Anything else in a manifest is a setting nobody reads.
internal sealed class ServiceSettings
{
    // Read by the host, the OpenTelemetry SDK or the .NET runtime rather than bound from a configuration section.
    private static readonly Dictionary<string, Func<string, bool>> HostVariables = new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = value => value is "Development" or "Staging" or "Production",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = value => Uri.TryCreate(value, UriKind.Absolute, out _),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = value => value is "grpc" or "http/protobuf",
        ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = value => value is "in_memory" or "disk",
        // .NET on Linux takes its trusted roots from this file when set (OpenSSL's variable).
        ["SSL_CERT_FILE"] = Path.IsPathRooted,
        // Logging's own section: the audit category's pin and the general level.
        ["Logging:LogLevel:Supacrypt.Audit"] = value => value == "Information",
        ["Logging:LogLevel:Default"] = value => Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(value, out _),
        // ServiceDefaults exports to Azure Monitor when this is set (Azure.Monitor.OpenTelemetry.AspNetCore reads it).
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = value => value.Contains("InstrumentationKey=", StringComparison.Ordinal),
    };

    private readonly string _service;
    private readonly BoundSettings _bound;
    private readonly Dictionary<string, Func<string, bool>> _others;

    private ServiceSettings(string service, BoundSettings bound, Dictionary<string, Func<string, bool>> others)
    {
        _service = service;
        _bound = bound;
        _others = others;
    }

    public static ServiceSettings Backend { get; } = new(
        "the backend",
        BoundSettings.Of(typeof(KeyVaultOptions).Assembly),
        new Dictionary<string, Func<string, bool>>(HostVariables, StringComparer.OrdinalIgnoreCase)
        {
            // KeyVaultOptionsSetup reads the vault URI from here, as Aspire provides it.
            ["ConnectionStrings:keyvault"] = value => Uri.TryCreate(value, UriKind.Absolute, out _),
        }
        .Concat(BackendKestrelEndpoints())
        .ToDictionary(StringComparer.OrdinalIgnoreCase));

    public static ServiceSettings Emulator { get; } = new(
        "the Key Vault emulator",
        BoundSettings.Of(typeof(EmulatorOptions).Assembly),
        new Dictionary<string, Func<string, bool>>(HostVariables, StringComparer.OrdinalIgnoreCase)
        {
            // Kestrel's own configuration schema for its one https endpoint.
            ["Kestrel:Endpoints:https:Url"] = value => value.StartsWith("https://", StringComparison.Ordinal),
            ["Kestrel:Endpoints:https:Certificate:Path"] = Path.IsPathRooted,
            ["Kestrel:Endpoints:https:Certificate:KeyPath"] = Path.IsPathRooted,
        });

    // Null when the variable is a setting the service reads and the value is one it accepts; otherwise why not.
    public string? Problem(string variable, string value)
    {
        var key = variable.Replace("__", ":", StringComparison.Ordinal);
        if (_bound.Find(key) is { } type)
        {
            return BoundSettings.Converts(type, value)
                ? null
                : $"{variable}={value}: {_service} binds {key} as {type.Name}, and '{value}' is not one.";
        }

        if (_others.TryGetValue(key, out var accepts) || _others.TryGetValue(variable, out accepts))
        {
            return accepts(value) ? null : $"{variable}={value}: {_service} does not accept '{value}' there.";
        }

        return $"{variable}: {_service} reads no such setting (bound sections: {string.Join(", ", _bound.Sections)}).";
    }

    // The endpoints the backend declares in its appsettings.json (Kestrel:Endpoints), which Aspire also names.
    private static IEnumerable<KeyValuePair<string, Func<string, bool>>> BackendKestrelEndpoints()
    {
        var appsettings = JsonNode.Parse(File.ReadAllText(Path.Combine(KustomizeFixture.RepositoryRoot, "Supacrypt.Backend", "appsettings.json")))!;
        foreach (var endpoint in appsettings["Kestrel"]!["Endpoints"]!.AsObject())
        {
            yield return new($"Kestrel:Endpoints:{endpoint.Key}:Url", value => KestrelUrl.TryParse(value, out _));
            yield return new($"Kestrel:Endpoints:{endpoint.Key}:Protocols", value => Enum.TryParse<HttpProtocols>(value, out _));
        }
    }
}
