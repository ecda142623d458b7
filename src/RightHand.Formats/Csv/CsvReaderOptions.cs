namespace RightHand.Formats.Csv;

/// <summary>
/// Limits that keep a hostile or broken file from taking all memory: every row is held at most once,
/// and no row grows beyond these bounds however the file looks.
/// </summary>
public sealed record CsvReaderOptions
{
    /// <summary>A cell longer than this is cut and reported. 64 K characters is far more than any member field.</summary>
    public int MaxFieldLength { get; init; } = 64 * 1024;

    /// <summary>A row longer than this (all cells together) is cut and reported.</summary>
    public int MaxRowLength { get; init; } = 1024 * 1024;

    /// <summary>Cells after this many in one row are dropped and reported.</summary>
    public int MaxColumns { get; init; } = 1024;

    /// <summary>Problems kept in <see cref="CsvReader.Problems"/>; later ones are only counted.</summary>
    public int MaxProblemsKept { get; init; } = 1000;

    /// <summary>Bytes looked at to decide encoding, separator and whether the file is text at all.</summary>
    public int SampleBytes { get; init; } = 64 * 1024;

    /// <summary>Set to skip separator detection (';', ',' or '\t').</summary>
    public char? Separator { get; init; }
}
