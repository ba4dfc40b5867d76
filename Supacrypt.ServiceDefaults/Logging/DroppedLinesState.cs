using System.Collections;

namespace Supacrypt.ServiceDefaults.Logging;

// The structured state of the line that reports lost lines, shaped like a source-generated log message's state.
internal readonly struct DroppedLinesState(long droppedLines) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string Format = "{DroppedLines} log lines were not written: standard output did not keep up";

    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("DroppedLines", droppedLines),
        1 => new("{OriginalFormat}", Format),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var index = 0; index < Count; index++)
        {
            yield return this[index];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{droppedLines} log lines were not written: standard output did not keep up";
}
