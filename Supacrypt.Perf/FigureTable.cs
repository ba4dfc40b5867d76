namespace Supacrypt.Perf;

/// <summary>Writes a measured table into a document between the figure markers, so no figure there is typed by hand.</summary>
public static class FigureTable
{
    public static void Replace(string path, string table)
    {
        var text = File.ReadAllText(path);
        var start = text.IndexOf(Figures.StartMarker, StringComparison.Ordinal);
        var end = text.IndexOf(Figures.EndMarker, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException($"{path} has no {Figures.StartMarker} … {Figures.EndMarker} section.");
        }

        var before = text[..(start + Figures.StartMarker.Length)];
        File.WriteAllText(path, $"{before}\n{table}{text[end..]}");
    }
}
