using System.Globalization;

namespace RightHand.Formats.Csv;

/// <summary>
/// What can be wrong with a CSV file. The names are stable: the app keys its translations on them
/// (or on <see cref="CsvProblem.EnglishFormat"/>), so never rename one.
/// </summary>
public enum CsvProblemCode
{
    /// <summary>The file is empty or holds only blank lines.</summary>
    NoHeader,
    /// <summary>The bytes are not text (an image, a spreadsheet's binary format, random bytes).</summary>
    NotText,
    /// <summary>A header cell is empty. Arguments: column number.</summary>
    EmptyHeader,
    /// <summary>Two header cells carry the same name. Arguments: name, first column number, second column number.</summary>
    DuplicateHeader,
    /// <summary>A quote opened in this row is never closed; the rest of the file was swallowed by it.</summary>
    UnclosedQuote,
    /// <summary>The row has fewer or more cells than the header. Arguments: expected, found.</summary>
    RaggedRow,
    /// <summary>A cell is longer than the limit. Arguments: limit.</summary>
    FieldTooLong,
    /// <summary>The row is longer than the limit (cells or characters). Arguments: limit in characters.</summary>
    RowTooLong,
    /// <summary>The row held NUL characters; they were removed.</summary>
    NulCharacter,
    /// <summary>The row held bytes that are not valid in the detected encoding; they became U+FFFD.</summary>
    UndecodableBytes,
}

/// <summary>
/// One thing wrong with a CSV file, located by <see cref="Row"/> (the spreadsheet row: the header is row 1,
/// blank lines count) and <see cref="Line"/> (the text line where the row starts, which differs once a quoted
/// cell holds line breaks). <see cref="Column"/> is the header name when the problem belongs to one cell.
/// <see cref="Message"/> is plain English; an app that translates uses <see cref="Code"/> with
/// <see cref="EnglishFormat"/> as its key and <see cref="Arguments"/> as the placeholders.
/// </summary>
public sealed record CsvProblem(CsvProblemCode Code, int Row, int Line, string? Column, IReadOnlyList<object> Arguments)
{
    /// <summary>The English message pattern; {0} is always the row, {1} always the column name (may be empty).</summary>
    public static string EnglishFormat(CsvProblemCode code) => code switch
    {
        CsvProblemCode.NoHeader => "The file has no header row: it is empty or holds only blank lines.",
        CsvProblemCode.NotText => "The file is not a CSV text file (it looks like binary data).",
        CsvProblemCode.EmptyHeader => "Row {0}: the header of column {2} is empty.",
        CsvProblemCode.DuplicateHeader => "Row {0}: the header \"{1}\" appears twice (columns {2} and {3}).",
        CsvProblemCode.UnclosedQuote => "Row {0}: a quote opened here is never closed, so the rest of the file could not be read.",
        CsvProblemCode.RaggedRow => "Row {0}: expected {2} cells as in the header, found {3}.",
        CsvProblemCode.FieldTooLong => "Row {0}, column \"{1}\": the cell is longer than {2} characters.",
        CsvProblemCode.RowTooLong => "Row {0}: the row is longer than {2} characters or has too many cells.",
        CsvProblemCode.NulCharacter => "Row {0}: the row contains NUL characters; they were removed.",
        CsvProblemCode.UndecodableBytes => "Row {0}: the row contains bytes that are not valid text in the file's encoding.",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    public string Message =>
        string.Format(CultureInfo.InvariantCulture, EnglishFormat(Code), [Row, Column ?? "", .. Arguments]);

    public override string ToString() => Message;
}
