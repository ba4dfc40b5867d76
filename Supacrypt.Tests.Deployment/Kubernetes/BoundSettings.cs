using System.Collections;
using System.ComponentModel;
using System.Reflection;

namespace Supacrypt.Tests.Deployment.Kubernetes;

// The configuration keys a service binds, read by reflection from its options classes (every type with a SectionName
// constant, bound from that section): a renamed property renames the key here, so a manifest that still names the
// old setting fails its test instead of being silently ignored by the configuration binder.
internal sealed class BoundSettings
{
    private const string Index = "#";
    private const string AnyName = "*";

    // Options graphs here are shallow; the bound stops a self-referencing type from recursing forever.
    private const int MaxDepth = 6;

    private readonly Dictionary<string, Type> _settings = new(StringComparer.OrdinalIgnoreCase);

    private BoundSettings()
    {
    }

    public IReadOnlyCollection<string> Sections { get; private set; } = [];

    public static BoundSettings Of(Assembly assembly)
    {
        var settings = new BoundSettings();
        var sections = new List<string>();
        foreach (var type in assembly.GetTypes())
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field &&
                field.GetRawConstantValue() is string section)
            {
                sections.Add(section);
                settings.Walk(type, section, 0);
            }
        }

        settings.Sections = sections;
        return settings;
    }

    // The type a configuration key ("Section:Property:0:Nested") binds to, or null when nothing binds it.
    public Type? Find(string key)
    {
        var segments = key.Split(':');
        foreach (var (pattern, type) in _settings)
        {
            var parts = pattern.Split(':');
            if (parts.Length == segments.Length && parts.Zip(segments).All(pair => Matches(pair.First, pair.Second)))
            {
                return type;
            }
        }

        return null;
    }

    // What the configuration binder does with a value: the type's converter, invariant culture.
    public static bool Converts(Type type, string value)
    {
        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value) is not null;
        }
        catch (Exception exception) when (exception is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static bool Matches(string pattern, string segment) => pattern switch
    {
        Index => int.TryParse(segment, out var index) && index >= 0,
        AnyName => segment.Length > 0,
        _ => string.Equals(pattern, segment, StringComparison.OrdinalIgnoreCase),
    };

    private void Walk(Type type, string prefix, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Add(property.PropertyType, $"{prefix}:{property.Name}", depth + 1);
        }
    }

    private void Add(Type type, string path, int depth)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(target))
        {
            _settings[path] = target;
        }
        else if (DictionaryValueType(target) is { } value)
        {
            Add(value, $"{path}:{AnyName}", depth);
        }
        else if (ElementType(target) is { } element)
        {
            Add(element, $"{path}:{Index}", depth);
        }
        else if (target.IsClass && depth < MaxDepth)
        {
            Walk(target, path, depth);
        }
    }

    private static bool IsScalar(Type type) =>
        type == typeof(string) || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) ? FindGeneric(type, typeof(IEnumerable<>))?.GetGenericArguments()[0]
        : null;

    private static Type? DictionaryValueType(Type type) =>
        FindGeneric(type, typeof(IDictionary<,>)) is { } dictionary && dictionary.GetGenericArguments()[0] == typeof(string)
            ? dictionary.GetGenericArguments()[1]
            : null;

    private static Type? FindGeneric(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == definition);
}
