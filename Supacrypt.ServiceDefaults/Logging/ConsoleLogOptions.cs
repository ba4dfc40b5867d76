namespace Supacrypt.ServiceDefaults.Logging;

/// <summary>The JSON console log's queue, bound from <c>Logging:Console</c>.</summary>
public sealed class ConsoleLogOptions
{
    public const string SectionName = "Logging:Console";

    // Some 10,000 audit lines: seconds of a stalled stdout at full load before a line is lost.
    public const long DefaultMaxQueuedBytes = 16 * 1024 * 1024;

    public const long MinimumMaxQueuedBytes = 64 * 1024;

    /// <summary>Bytes of finished lines waiting for standard output; beyond it lines are counted and reported as lost.</summary>
    public long MaxQueuedBytes { get; set; } = DefaultMaxQueuedBytes;
}
