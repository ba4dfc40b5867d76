using System.Collections;
using System.Diagnostics;
using OpenTelemetry.Metrics;

namespace Supacrypt.Tests.Observability;

/// <summary>
/// What the in-memory exporters received from a backend: finished spans, and metric snapshots taken at each flush
/// (cumulative, so the latest snapshot of an instrument holds its totals).
/// </summary>
public sealed class TelemetryCapture
{
    public LockedCollection<Activity> Spans { get; } = new();

    public LockedCollection<MetricSnapshot> Metrics { get; } = new();

    /// <summary>The points of the latest snapshot of <paramref name="name"/> whose attributes include all of <paramref name="attributes"/>.</summary>
    public IReadOnlyList<MetricPoint> Points(string name, params (string Key, object Value)[] attributes)
    {
        var latest = Metrics.Snapshot().LastOrDefault(metric => metric.Name == name);
        if (latest is null)
        {
            return [];
        }

        return latest.MetricPoints.Where(point => attributes.All(wanted => HasAttribute(point, wanted.Key, wanted.Value))).ToList();
    }

    /// <summary>The sum of a counter over the points matching <paramref name="attributes"/>; 0 before anything was counted.</summary>
    public long Sum(string name, params (string Key, object Value)[] attributes) =>
        Points(name, attributes).Sum(point => point.GetSumLong());

    public static IReadOnlyDictionary<string, object?> AttributesOf(MetricPoint point)
    {
        var attributes = new Dictionary<string, object?>();
        foreach (var tag in point.Tags)
        {
            attributes[tag.Key] = tag.Value;
        }

        return attributes;
    }

    private static bool HasAttribute(MetricPoint point, string key, object value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return Equals(tag.Value, value);
            }
        }

        return false;
    }
}

/// <summary>A collection the exporters may add to from any thread while a test reads it.</summary>
public sealed class LockedCollection<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public IReadOnlyList<T> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item) => Snapshot().Contains(item);

    public void CopyTo(T[] array, int arrayIndex) => Snapshot().ToList().CopyTo(array, arrayIndex);

    public bool Remove(T item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
