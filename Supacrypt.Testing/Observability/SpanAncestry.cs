namespace Supacrypt.Tests.Observability;

/// <summary>Walks a trace's parent links, whatever form its spans take (in-memory activities or the dashboard's JSON).</summary>
public static class SpanAncestry
{
    public static bool Descends<TSpan>(TSpan span, string ancestorId, IReadOnlyList<TSpan> trace, Func<TSpan, string> id, Func<TSpan, string> parentId)
        where TSpan : class
    {
        var current = span;
        while (current is not null)
        {
            if (parentId(current) == ancestorId)
            {
                return true;
            }

            var parent = parentId(current);
            current = trace.FirstOrDefault(candidate => id(candidate) == parent);
        }

        return false;
    }
}
