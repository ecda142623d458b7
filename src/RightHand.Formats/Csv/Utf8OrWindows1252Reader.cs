using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace RightHand.Formats.Csv;

/// <summary>
/// Decodes a file whose sample was valid UTF-8 without a byte order mark. While every byte so far was
/// ASCII, UTF-8 and Windows-1252 read the same; German Excel exports are often ASCII for thousands of rows
/// before the first "ü". So the first byte that is not UTF-8 switches the rest of the file to Windows-1252,
/// unless real UTF-8 (non-ASCII) came before: then it is a damaged byte and becomes U+FFFD.
/// </summary>
internal sealed class Utf8OrWindows1252Reader(Stream stream) : TextReader
{
    private readonly byte[] _bytes = new byte[16 * 1024];
    private readonly Encoding _windows1252 = CsvEncodingDetector.ToEncoding(CsvEncoding.Windows1252);
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _sawUtf8;
    private char? _pending;

    public bool SwitchedToWindows1252 { get; private set; }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty) return 0;
        if (_pending is { } pending)
        {
            _pending = null;
            buffer[0] = pending;
            return 1;
        }
        if (buffer.Length > 1) return Decode(buffer);
        // One character asked for: a surrogate pair needs two, so the second waits for the next call.
        Span<char> pair = stackalloc char[2];
        var decoded = Decode(pair);
        if (decoded == 2) _pending = pair[1];
        if (decoded > 0) buffer[0] = pair[0];
        return Math.Min(decoded, 1);
    }

    private int Decode(Span<char> buffer)
    {
        while (true)
        {
            if (_start == _end || (!SwitchedToWindows1252 && _end - _start < 4)) Fill();
            if (_start == _end) return 0;
            var bytes = _bytes.AsSpan(_start, _end - _start);
            if (SwitchedToWindows1252)
            {
                var n = Math.Min(bytes.Length, buffer.Length);
                _start += n;
                return _windows1252.GetChars(bytes[..n], buffer);
            }
            var status = Utf8.ToUtf16(bytes, buffer, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: _endOfStream);
            if (bytes[..read].ContainsAnyInRange((byte)0x80, (byte)0xFF)) _sawUtf8 = true;
            _start += read;
            if (written > 0) return written;
            if (status == OperationStatus.InvalidData)
            {
                if (!_sawUtf8) { SwitchedToWindows1252 = true; continue; }
                _start++;
                buffer[0] = '\uFFFD';
                return 1;
            }
        }
    }

    public override int Peek() => throw new NotSupportedException();

    public override int Read() => throw new NotSupportedException();

    private void Fill()
    {
        if (_endOfStream) return;
        if (_start > 0)
        {
            _bytes.AsSpan(_start, _end - _start).CopyTo(_bytes);
            (_end, _start) = (_end - _start, 0);
        }
        while (_end < _bytes.Length)
        {
            var read = stream.Read(_bytes, _end, _bytes.Length - _end);
            if (read == 0) { _endOfStream = true; return; }
            _end += read;
        }
    }
}
