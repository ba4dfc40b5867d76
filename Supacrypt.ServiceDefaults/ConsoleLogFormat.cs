using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Supacrypt.ServiceDefaults.Logging;

namespace Microsoft.Extensions.Hosting;

// How services write to the console: readable single lines for a developer, one JSON object per line everywhere
// else, for log collectors (Container Apps, Kubernetes, the collector's filelog receiver) to parse.
public static class ConsoleLogFormat
{
    public static TBuilder AddConsoleLogFormat<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Trace and span ids join every line's scopes whenever an activity is current.
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.IncludeScopes = true;
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            builder.AddJsonConsoleLog();
        }

        return builder;
    }

    // The framework's JSON console logger formats every line into a string and makes request threads wait on its
    // queue's lock when stdout is slow; this one formats to UTF-8 once and never makes a call wait (Logging/).
    private static void AddJsonConsoleLog(this IHostApplicationBuilder builder)
    {
        // The host adds the framework console logger by default; left in place, every line would go out twice.
        foreach (var console in builder.Services.Where(service => service.ServiceType == typeof(ILoggerProvider) && service.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
        {
            builder.Services.Remove(console);
        }

        builder.Services.AddOptions<ConsoleLogOptions>()
            .BindConfiguration(ConsoleLogOptions.SectionName)
            .Validate(
                options => options.MaxQueuedBytes >= ConsoleLogOptions.MinimumMaxQueuedBytes,
                $"{ConsoleLogOptions.SectionName}:{nameof(ConsoleLogOptions.MaxQueuedBytes)} must be at least {ConsoleLogOptions.MinimumMaxQueuedBytes} bytes.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<ConsoleLogMetrics>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, JsonConsoleLoggerProvider>(services => new JsonConsoleLoggerProvider(
            Console.OpenStandardOutput(),
            services.GetRequiredService<IOptions<ConsoleLogOptions>>().Value.MaxQueuedBytes,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ConsoleLogMetrics>())));
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(ConsoleLogMetrics.MeterName));
    }
}
