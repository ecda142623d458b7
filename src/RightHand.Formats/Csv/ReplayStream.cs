namespace RightHand.Formats.Csv;

/// <summary>
/// Hands out bytes already read for detection, then the rest of the source: detection needs the start
/// of a stream that cannot always seek back (an upload, a pipe).
/// </summary>
internal sealed class ReplayStream(ReadOnlyMemory<byte> start, Stream rest) : Stream
{
    private ReadOnlyMemory<byte> _start = start;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_start.IsEmpty) return rest.Read(buffer);
        var n = Math.Min(buffer.Length, _start.Length);
        _start.Span[..n].CopyTo(buffer);
        _start = _start[n..];
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
