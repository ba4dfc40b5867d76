using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Supacrypt.ServiceDefaults.Logging;

// One thread's reusable buffer and JSON writer for formatting a line: after warm-up, formatting allocates nothing of
// its own. A line logged while another is being formatted on the same thread (from a ToString, say) gets a fresh one.
internal sealed class LineBuffer
{
    // A buffer grown past this by an unusual line (a long exception) is not kept for the thread.
    private const int RetainedCapacity = 64 * 1024;

    private static readonly byte[] LineEnd = Encoding.UTF8.GetBytes(Environment.NewLine);

    // The framework's JSON console formatter writes with these options (and so the default, escaping encoder).
    private static readonly JsonWriterOptions Options = new() { Indented = false };

    [ThreadStatic]
    private static LineBuffer? t_cached;

    private readonly ArrayBufferWriter<byte> _bytes = new(2048);

    private LineBuffer() => Json = new Utf8JsonWriter(_bytes, Options);

    public Utf8JsonWriter Json { get; }

    public static LineBuffer Rent()
    {
        var buffer = t_cached ?? new LineBuffer();
        t_cached = null;
        return buffer;
    }

    public static void Return(LineBuffer buffer)
    {
        if (buffer._bytes.Capacity <= RetainedCapacity)
        {
            buffer._bytes.ResetWrittenCount();
            buffer.Json.Reset(buffer._bytes);
            t_cached = buffer;
        }
    }

    /// <summary>The formatted line with its line end.</summary>
    public ReadOnlySpan<byte> EndLine()
    {
        _bytes.Write(LineEnd);
        return _bytes.WrittenSpan;
    }
}
