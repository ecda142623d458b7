namespace RightHand.Formats.Csv;

/// <summary>
/// Reads a CSV file from any source as a stream, one row at a time: the encoding (UTF-8 with or without
/// mark, UTF-16, Windows-1252) and the separator (';', ',' or tab) are detected from the first 64 KB, the first
/// non-blank row is the header, and every data row comes with its row number. It never throws for what a file
/// contains: everything wrong is a <see cref="CsvProblem"/> in <see cref="Problems"/> and, for a row, in
/// <see cref="CsvRecord.Problems"/>. Reading is synchronous; copy an upload to a file first.
/// </summary>
public sealed class CsvReader
{
    private readonly CsvTokenizer? _tokenizer;
    private readonly CsvReaderOptions _options;
    private readonly List<CsvProblem> _problems = [];
    private readonly RawRow _raw = new();
    private bool _started;

    private readonly CsvEncoding _encoding;
    private readonly Utf8OrWindows1252Reader? _adaptive;

    private CsvReader(CsvEncoding encoding, Utf8OrWindows1252Reader? adaptive, char separator, CsvTokenizer? tokenizer, CsvReaderOptions options)
    {
        (_encoding, _adaptive, Separator, _tokenizer, _options) = (encoding, adaptive, separator, tokenizer, options);
    }

    /// <summary>
    /// The encoding detected. A file that looked like UTF-8 because its first 64 KB were plain ASCII turns
    /// into <see cref="CsvEncoding.Windows1252"/> at its first byte that UTF-8 cannot read.
    /// </summary>
    public CsvEncoding Encoding => _adaptive is { SwitchedToWindows1252: true } ? CsvEncoding.Windows1252 : _encoding;
    public char Separator { get; }
    public IReadOnlyList<string> Header { get; private set; } = [];

    /// <summary>The first problems found, file-wide ones first; at most <see cref="CsvReaderOptions.MaxProblemsKept"/>.</summary>
    public IReadOnlyList<CsvProblem> Problems => _problems;

    /// <summary>All problems found so far, including those beyond the kept ones.</summary>
    public int ProblemCount { get; private set; }

    /// <summary>True when no data can be read at all: not text, or no header row.</summary>
    public bool IsUnreadable { get; private set; }

    /// <summary>Detects encoding and separator and reads the header. The stream stays open; the caller owns it.</summary>
    public static CsvReader Open(Stream stream, CsvReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new CsvReaderOptions();
        // Quotes, line ends and NUL have their own meaning in CSV; a separator among them could never be read back.
        if (options.Separator is '"' or '\r' or '\n' or '\0') throw new ArgumentException("A separator cannot be a quote, line end or NUL.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SampleBytes, 4, nameof(options));
        var sample = new byte[options.SampleBytes];
        var sampled = ReadSample(stream, sample);
        var (encoding, bomLength) = CsvEncodingDetector.Detect(sample.AsSpan(0, sampled));
        var bytes = new ReplayStream(sample.AsMemory(bomLength, sampled - bomLength), stream);
        var adaptive = encoding == CsvEncoding.Utf8 ? new Utf8OrWindows1252Reader(bytes) : null;
        TextReader text = (TextReader?)adaptive ?? new StreamReader(
            bytes, CsvEncodingDetector.ToEncoding(encoding), detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
        var chars = new char[Math.Max(options.SampleBytes, 1024)];
        var charCount = text.ReadBlock(chars, 0, chars.Length);
        var separator = options.Separator ?? CsvSniffer.DetectSeparator(chars.AsSpan(0, charCount));
        if (CsvSniffer.LooksBinary(chars.AsSpan(0, charCount)))
        {
            var unreadable = new CsvReader(encoding, adaptive, separator, null, options);
            unreadable.Fail(CsvProblemCode.NotText);
            return unreadable;
        }
        var reader = new CsvReader(encoding, adaptive, separator, new CsvTokenizer(text, chars, charCount, separator, options), options);
        reader.ReadHeader();
        return reader;
    }

    /// <summary>The data rows after the header, good and bad. Can be enumerated once.</summary>
    public IEnumerable<CsvRecord> ReadRecords()
    {
        if (_started) throw new InvalidOperationException("The rows of a CSV file can be read only once.");
        _started = true;
        return IsUnreadable || _tokenizer is null ? [] : Rows(_tokenizer);
    }

    private IEnumerable<CsvRecord> Rows(CsvTokenizer tokenizer)
    {
        while (tokenizer.TryRead(_raw))
        {
            if (_raw.IsBlank && !_raw.UnclosedQuote) continue;
            var fields = TrimEmptyExtraCells(_raw.Fields, Header.Count);
            var problems = RowProblems(fields.Count);
            yield return new CsvRecord(_raw.Row, _raw.Line, fields, problems);
        }
    }

    private void ReadHeader()
    {
        while (_tokenizer!.TryRead(_raw))
        {
            if (_raw.IsBlank && !_raw.UnclosedQuote) continue;
            Header = [.. _raw.Fields.Select(f => f.Trim())];
            RowProblems(Header.Count);
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < Header.Count; i++)
            {
                if (Header[i].Length == 0) Add(CsvProblemCode.EmptyHeader, null, i + 1);
                else if (!seen.TryAdd(Header[i], i + 1)) Add(CsvProblemCode.DuplicateHeader, Header[i], seen[Header[i]], i + 1);
            }
            return;
        }
        Fail(CsvProblemCode.NoHeader);
    }

    // Most rows are fine: they share one empty list instead of allocating their own.
    private IReadOnlyList<CsvProblem> RowProblems(int cells)
    {
        if (!_raw.UnclosedQuote && _raw.TooLongColumns.Count == 0 && !_raw.TooLong && !_raw.HadNul && !_raw.HadUndecodable
            && (Header.Count == 0 || cells == Header.Count)) return Array.Empty<CsvProblem>();
        var problems = new List<CsvProblem>();
        if (_raw.UnclosedQuote) problems.Add(Add(CsvProblemCode.UnclosedQuote, null));
        foreach (var column in _raw.TooLongColumns) problems.Add(Add(CsvProblemCode.FieldTooLong, ColumnName(column), _options.MaxFieldLength));
        if (_raw.TooLong) problems.Add(Add(CsvProblemCode.RowTooLong, null, _options.MaxRowLength));
        if (_raw.HadNul) problems.Add(Add(CsvProblemCode.NulCharacter, null));
        if (_raw.HadUndecodable) problems.Add(Add(CsvProblemCode.UndecodableBytes, null));
        if (Header.Count > 0 && cells != Header.Count && !_raw.UnclosedQuote && !_raw.TooLong)
            problems.Add(Add(CsvProblemCode.RaggedRow, null, Header.Count, cells));
        return problems;
    }

    // Some tools end every row with a separator or pad short rows with empty cells: cells beyond the header
    // that hold nothing are no data, so they are dropped rather than reported.
    private static List<string> TrimEmptyExtraCells(List<string> fields, int headerCount)
    {
        var count = fields.Count;
        while (count > headerCount && count > 0 && fields[count - 1].Length == 0) count--;
        return fields.GetRange(0, count);
    }

    private string ColumnName(int column) =>
        column < Header.Count && Header[column].Length > 0 ? Header[column] : (column + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Fail(CsvProblemCode code)
    {
        IsUnreadable = true;
        Add(code, null);
    }

    private CsvProblem Add(CsvProblemCode code, string? column, params object[] arguments)
    {
        var problem = new CsvProblem(code, _raw.Row, _raw.Line, column, arguments);
        ProblemCount++;
        if (_problems.Count < _options.MaxProblemsKept) _problems.Add(problem);
        return problem;
    }

    private static int ReadSample(Stream stream, byte[] sample)
    {
        var total = 0;
        int read;
        while (total < sample.Length && (read = stream.Read(sample, total, sample.Length - total)) > 0) total += read;
        return total;
    }
}
