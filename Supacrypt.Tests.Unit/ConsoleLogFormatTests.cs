using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Supacrypt.ServiceDefaults.Logging;

namespace Supacrypt.Tests.Unit;

/// <summary>Which console logger a service gets: exactly one, so that every line is written once.</summary>
public sealed class ConsoleLogFormatTests
{
    [Fact]
    public void Outside_development_the_json_console_logger_replaces_the_hosts_default_console_logger()
    {
        var providers = ProvidersIn(Environments.Production);

        Assert.Single(providers.OfType<JsonConsoleLoggerProvider>());
        Assert.DoesNotContain(providers, provider => provider is ConsoleLoggerProvider);
    }

    [Fact]
    public void Development_keeps_the_readable_console_logger()
    {
        var providers = ProvidersIn(Environments.Development);

        Assert.Single(providers.OfType<ConsoleLoggerProvider>());
        Assert.DoesNotContain(providers, provider => provider is JsonConsoleLoggerProvider);
    }

    private static List<ILoggerProvider> ProvidersIn(string environment)
    {
        var contentRoot = Directory.CreateTempSubdirectory("supacrypt-console-log-");
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, ContentRootPath = contentRoot.FullName });
            builder.AddConsoleLogFormat();
            using var host = builder.Build();
            return [.. host.Services.GetServices<ILoggerProvider>()];
        }
        finally
        {
            contentRoot.Delete(recursive: true);
        }
    }
}
