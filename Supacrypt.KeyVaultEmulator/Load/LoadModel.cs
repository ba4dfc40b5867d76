using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Load;

/// <summary>The load settings in force: those of start-up until the admin API replaces them, and the quota they enforce.</summary>
public sealed class LoadModel(IOptions<LoadSettings> startup, TimeProvider time)
{
    private LoadSettings _current = startup.Value;
    private long _requests;

    public LoadSettings Current => Volatile.Read(ref _current);

    public VaultQuota Quota { get; } = new(time);

    public TimeProvider Time => time;

    /// <summary>Key Vault requests received since start-up, whatever their answer: what a benchmark reads to count vault calls.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public void CountRequest() => Interlocked.Increment(ref _requests);

    /// <summary>Replaces the settings at run time; the quota windows start afresh.</summary>
    public void Apply(LoadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), errors, validateAllProperties: true))
        {
            throw KeyVaultErrors.BadParameter(string.Join(" ", errors.Select(error => error.ErrorMessage)));
        }

        Volatile.Write(ref _current, settings);
        Quota.Reset();
    }

    /// <summary>Back to the settings of start-up.</summary>
    public void Reset()
    {
        Volatile.Write(ref _current, startup.Value);
        Quota.Reset();
    }

    /// <summary>The latency for one request: the fixed part plus a uniform draw of the jitter.</summary>
    public static TimeSpan LatencyOf(LoadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var jitter = settings.LatencyJitterMilliseconds > 0 ? Random.Shared.Next(settings.LatencyJitterMilliseconds + 1) : 0;
        return TimeSpan.FromMilliseconds(settings.LatencyMilliseconds + jitter);
    }

    /// <summary>True with probability <paramref name="rate"/>; never for 0, always for 1.</summary>
    public static bool Draw(double rate) => rate > 0 && Random.Shared.NextDouble() < rate;
}
