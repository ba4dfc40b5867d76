using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Supacrypt.Backend.Security;

/// <summary>
/// The verdicts of <see cref="ClientCertificateValidator"/>, accepted and refused ones kept apart and each bounded on
/// its own: anyone can present fresh invalid certificates without end, and a flood of them must evict only other
/// refusals, never the verdicts of valid callers (who would otherwise all pay a chain build and CRL check again).
/// Each verdict holds only while it has not expired and was reached with the trust material now in force.
/// </summary>
internal sealed class CertificateVerdictCache
{
    /// <summary>How many verdicts of each kind are kept.</summary>
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, Entry> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _refused = new(StringComparer.Ordinal);

    public bool TryGet(string key, TrustMaterial material, DateTimeOffset now, [NotNullWhen(true)] out CertificateVerdict? verdict)
    {
        verdict = Live(_accepted, key, material, now) ?? Live(_refused, key, material, now);
        return verdict is not null;
    }

    public void Add(string key, CertificateVerdict verdict, DateTimeOffset expires, TrustMaterial material)
    {
        var (kept, other) = verdict.IsValid ? (_accepted, _refused) : (_refused, _accepted);
        if (kept.Count >= Capacity)
        {
            // Bounded: a flood of distinct certificates costs chain builds, never memory.
            kept.Clear();
        }

        kept[key] = new Entry(verdict, expires, material);
        other.TryRemove(key, out _);
    }

    public void Clear()
    {
        _accepted.Clear();
        _refused.Clear();
    }

    private static CertificateVerdict? Live(ConcurrentDictionary<string, Entry> verdicts, string key, TrustMaterial material, DateTimeOffset now) =>
        verdicts.TryGetValue(key, out var entry) && entry.Expires > now && ReferenceEquals(entry.Material, material) ? entry.Verdict : null;

    private readonly record struct Entry(CertificateVerdict Verdict, DateTimeOffset Expires, TrustMaterial Material);
}
