using System.Buffers;
using System.Text;

namespace RightHand.Formats.Csv;

/// <summary>What the tokenizer found in one row before the reader judges it against the header.</summary>
internal sealed class RawRow
{
    public List<string> Fields { get; } = [];
    public int Row { get; set; }
    public int Line { get; set; }
    public bool AnyQuoted { get; set; }
    public bool HadNul { get; set; }
    public bool HadUndecodable { get; set; }
    public bool UnclosedQuote { get; set; }
    public bool TooLong { get; set; }
    public List<int> TooLongColumns { get; } = [];

    public bool IsBlank => !AnyQuoted && Fields.TrueForAll(f => f.Length == 0);

    public void Reset(int row, int line)
    {
        Fields.Clear();
        TooLongColumns.Clear();
        (Row, Line, AnyQuoted, HadNul, HadUndecodable, UnclosedQuote, TooLong) = (row, line, false, false, false, false, false);
    }
}

/// <summary>
/// RFC 4180 state machine over characters: quoted cells may hold separators, doubled quotes and line
/// breaks; CRLF, LF and CR all end a row. Lenient where Excel users are: a quote inside an unquoted cell
/// is an ordinary character, and text after a closing quote is kept. Every step consumes a character,
/// so it always terminates; cells and rows are cut at the limits, so memory stays bounded.
/// </summary>
internal sealed class CsvTokenizer(TextReader text, char[] buffer, int length, char separator, CsvReaderOptions options)
{
    private int _position;
    private int _length = length;
    private int _row;
    private int _line = 1;
    private readonly StringBuilder _field = new();
    private int _rowChars;

    // Characters that end a run of plain text; everything between them is copied in one go.
    private readonly SearchValues<char> _unquotedStops = SearchValues.Create([separator, '"', '\r', '\n', '\0', '\uFFFD']);
    private readonly SearchValues<char> _quotedStops = SearchValues.Create(['"', '\r', '\n', '\0', '\uFFFD']);

    /// <summary>Fills <paramref name="row"/> with the next row; false at the end of the file.</summary>
    public bool TryRead(RawRow row)
    {
        if (Peek() < 0) return false;
        row.Reset(++_row, _line);
        _rowChars = 0;
        _field.Clear();
        var inQuotes = false;
        var fieldQuoted = false;
        while (true)
        {
            if (AppendRun(row, inQuotes ? _quotedStops : _unquotedStops)) continue;
            var next = Next();
            if (next < 0)
            {
                row.UnclosedQuote = inQuotes;
                EndField(row);
                return true;
            }
            var c = (char)next;
            if (inQuotes)
            {
                if (c == '"' && Peek() == '"') { Next(); Append(row, '"'); }
                else if (c == '"') inQuotes = false;
                else
                {
                    if (c == '\n' || (c == '\r' && Peek() != '\n')) _line++;
                    Append(row, c);
                }
            }
            else if (c == separator)
            {
                EndField(row);
                fieldQuoted = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && Peek() == '\n') Next();
                _line++;
                EndField(row);
                return true;
            }
            else if (c == '"' && _field.Length == 0 && !fieldQuoted)
            {
                inQuotes = fieldQuoted = row.AnyQuoted = true;
            }
            else Append(row, c);
        }
    }

    /// <summary>Copies plain characters up to the next one that matters; false when there are none at hand.</summary>
    private bool AppendRun(RawRow row, SearchValues<char> stops)
    {
        var rest = buffer.AsSpan(_position, _length - _position);
        var run = rest.IndexOfAny(stops);
        if (run < 0) run = rest.Length;
        if (run == 0) return false;
        if (_field.Length + run <= options.MaxFieldLength && _rowChars + run <= options.MaxRowLength)
        {
            _field.Append(rest[..run]);
            _rowChars += run;
        }
        else
        {
            foreach (var c in rest[..run]) Append(row, c);
        }
        _position += run;
        return true;
    }

    private void Append(RawRow row, char c)
    {
        if (c == '\0') { row.HadNul = true; return; }
        if (c == '\uFFFD') row.HadUndecodable = true;
        if (_field.Length >= options.MaxFieldLength)
        {
            if (row.TooLongColumns.Count == 0 || row.TooLongColumns[^1] != row.Fields.Count) row.TooLongColumns.Add(row.Fields.Count);
            return;
        }
        if (_rowChars >= options.MaxRowLength) { row.TooLong = true; return; }
        _field.Append(c);
        _rowChars++;
    }

    private void EndField(RawRow row)
    {
        if (row.Fields.Count >= options.MaxColumns) row.TooLong = true;
        else row.Fields.Add(_field.ToString());
        _field.Clear();
    }

    private int Peek()
    {
        if (_position < _length) return buffer[_position];
        _length = text.Read(buffer, 0, buffer.Length);
        _position = 0;
        return _length > 0 ? buffer[0] : -1;
    }

    private int Next()
    {
        var c = Peek();
        if (c >= 0) _position++;
        return c;
    }
}
