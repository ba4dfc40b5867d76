using System.Text;

namespace Supacrypt.Tests.Unit;

/// <summary>
/// An output stream (standing in for stdout) that the test can hold shut: while closed, a write waits inside
/// <see cref="Write(ReadOnlySpan{byte})"/> as it would on a full pipe. Records every write.
/// </summary>
internal sealed class GatedStream : Stream
{
    private readonly ManualResetEventSlim _open;
    private readonly Lock _gate = new();
    private readonly MemoryStream _written = new();
    private int _writes;

    public GatedStream(bool open) => _open = new ManualResetEventSlim(open);

    /// <summary>Completes when a write has started (and, while the gate is shut, is waiting).</summary>
    public TaskCompletionSource WriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Writes completed.</summary>
    public int Writes => Volatile.Read(ref _writes);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void Open() => _open.Set();

    public IReadOnlyList<string> Lines()
    {
        lock (_gate)
        {
            return Encoding.UTF8.GetString(_written.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        WriteStarted.TrySetResult();
        _open.Wait();
        lock (_gate)
        {
            _written.Write(buffer);
            Interlocked.Increment(ref _writes);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _open.Dispose();
            _written.Dispose();
        }

        base.Dispose(disposing);
    }
}
