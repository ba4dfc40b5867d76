using System.ComponentModel.DataAnnotations;

namespace Supacrypt.Backend.Shutdown;

/// <summary>Settings of the <c>Supacrypt</c> section about stopping.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Supacrypt";

    /// <summary>
    /// How long calls in flight at SIGTERM may take to finish. Below the orchestrators' default of 30 s (Kubernetes,
    /// Docker), whose own grace period must exceed it; calls still running after it are cut off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(25);
}
