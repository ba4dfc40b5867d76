using System.Text.Json;
using Microsoft.Extensions.Logging;

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
            builder.Logging.AddJsonConsole(console =>
            {
                console.IncludeScopes = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                console.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });
        }

        return builder;
    }
}
