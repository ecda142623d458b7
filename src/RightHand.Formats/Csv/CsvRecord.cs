namespace RightHand.Formats.Csv;

/// <summary>
/// One data row. <see cref="Row"/> is the spreadsheet row (header = row 1 when the file starts with it, blank
/// lines count); <see cref="Line"/> the text line where the row starts. A row with problems is still
/// handed out so that the caller can report it next to the good ones; trust its cells only when
/// <see cref="IsValid"/>.
/// </summary>
public sealed record CsvRecord(int Row, int Line, IReadOnlyList<string> Fields, IReadOnlyList<CsvProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>The cell in the given 0-based column, or "" when the row is shorter.</summary>
    public string this[int column] => column < Fields.Count ? Fields[column] : "";
}
