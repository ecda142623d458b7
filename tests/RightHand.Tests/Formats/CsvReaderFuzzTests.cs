using System.Diagnostics;
using System.Text;
using RightHand.Formats.Csv;
using Xunit;

namespace RightHand.Tests.Formats;

/// <summary>
/// Ten thousand generated files, clean and broken (wrong encodings, ragged rows, unbalanced quotes, huge
/// cells, NUL bytes, formula payloads, random bytes): the reader never throws, always finishes, reads clean
/// files back exactly, and reports each planted fault with a row number.
/// </summary>
public sealed class CsvReaderFuzzTests
{
    private static readonly string[] Header = ["Mitgliedsnummer", "Vorname", "Nachname", "E-Mail", "PLZ", "Ort", "Beitrag"];
    private static readonly string[] Words =
        ["Jürgen", "Weiß", "Zoë", "O'Brien", "Müller; Hans", "say \"hi\"", "zwei\r\nZeilen", "12,50", "=cmd|' /C calc'!A0", "+49 30 1234", "@SUM(A1)", "Straße", "", " ", "東京", "😀"];
    private static readonly char[] Separators = [';', ',', '\t'];

    static CsvReaderFuzzTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private enum Fault { None, Ragged, UnclosedQuote, Nul, HugeField, RawFormula, RandomBytes, SplicedBytes, Truncated }

    [Fact]
    public void TenThousandGeneratedFiles_AreReadWithoutException_AndEveryFaultIsReportedByRow()
    {
        var random = new Random(20261122);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 10_000; i++)
        {
            var fault = (Fault)random.Next(Enum.GetValues<Fault>().Length);
            var (bytes, rows) = Generate(random, fault, out var separator);
            var reader = CsvReader.Open(new MemoryStream(bytes));
            var records = reader.ReadRecords().ToList();
            var context = $"file {i}, fault {fault}";

            var lastRow = 0;
            foreach (var record in records)
            {
                Assert.True(record.Row > lastRow && record.Line >= 1, context);
                lastRow = record.Row;
                Assert.All(record.Problems, p => Assert.Equal(record.Row, p.Row));
            }
            Assert.All(reader.Problems, p =>
                Assert.True(p.Row >= 1 || p.Code is CsvProblemCode.NotText or CsvProblemCode.NoHeader, context));
            Assert.Equal(reader.Problems.Count, Math.Min(reader.ProblemCount, 1000));

            switch (fault)
            {
                case Fault.None:
                    Assert.Equal(separator, reader.Separator);
                    Assert.True(reader.Problems.Count == 0, context + ": " + string.Join(" | ", reader.Problems));
                    Assert.Equal(rows, records.Select(r => r.Fields.ToArray()));
                    break;
                case Fault.Ragged:
                    Assert.Contains(reader.Problems, p => p.Code == CsvProblemCode.RaggedRow);
                    break;
                case Fault.UnclosedQuote:
                    Assert.Equal(CsvProblemCode.UnclosedQuote, records[^1].Problems.Single().Code);
                    break;
                case Fault.Nul:
                    Assert.Contains(reader.Problems, p => p.Code is CsvProblemCode.NulCharacter or CsvProblemCode.NotText);
                    break;
                case Fault.HugeField:
                    Assert.Contains(reader.Problems, p => p.Code == CsvProblemCode.FieldTooLong && p.Column == "Ort");
                    break;
                case Fault.RandomBytes when bytes.Length >= 256:
                    // Shorter noise can pass for a text line by chance; then the value checks of the import refuse it.
                    Assert.True(reader.IsUnreadable, context);
                    break;
            }
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    private static (byte[] Bytes, List<string[]> Rows) Generate(Random random, Fault fault, out char separator)
    {
        var sep = separator = Separators[random.Next(Separators.Length)];
        if (fault == Fault.RandomBytes)
        {
            var noise = new byte[random.Next(0, 3000)];
            random.NextBytes(noise);
            return (noise, []);
        }
        var rows = new List<string[]>();
        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        var csv = new CsvWriter(text, separator);
        csv.WriteRow(Header);
        var count = random.Next(1, 30);
        var faultRow = random.Next(count);
        for (var r = 0; r < count; r++)
        {
            var cells = Header.Select(_ => RandomCell(random)).ToArray();
            // A row whose every cell is empty is a blank line, which the reader skips by design.
            if (cells.All(c => c.Length == 0)) cells[0] = "x";
            if (r == faultRow && fault == Fault.HugeField) cells[5] = new string('x', 70_000);
            if (r == faultRow && fault == Fault.Nul) cells[1] = "a\0b";
            var written = r == faultRow && fault == Fault.Ragged ? cells[..^random.Next(1, 4)] : cells;
            if (r == faultRow && fault == Fault.RawFormula) text.Write("=cmd|' /C calc'!A0" + separator);
            csv.WriteRow(written);
            rows.Add([.. cells.Select(c => CsvWriter.Escape(c, sep) is var e && e.StartsWith('"') ? Unquote(e) : e)]);
        }
        if (fault == Fault.UnclosedQuote) text.Write($"M-9{separator}\"never closed{separator}x\r\nmore");
        var bytes = Encode(random, text.ToString(), fault == Fault.None ? 4 : 6);
        if (fault == Fault.SplicedBytes && bytes.Length > 0)
        {
            var start = random.Next(bytes.Length);
            random.NextBytes(bytes.AsSpan(start, Math.Min(50, bytes.Length - start)));
        }
        if (fault == Fault.Truncated) bytes = bytes[..random.Next(bytes.Length + 1)];
        return (bytes, rows);
    }

    // What the reader should give back for a written cell: the writer's text without the RFC 4180 quoting.
    private static string Unquote(string escaped) => escaped[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);

    private static string RandomCell(Random random) =>
        random.Next(3) == 0 ? Words[random.Next(Words.Length)] : random.Next(100_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Windows-1252 cannot hold every word (東京, 😀), so clean files use only the Unicode encodings;
    // broken ones may be written in any, including UTF-16 without its mark and 1252 with lost characters.
    private static byte[] Encode(Random random, string text, int choices) => random.Next(choices) switch
    {
        0 => Encoding.UTF8.GetBytes(text),
        1 => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
        2 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
        3 => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
        4 => Encoding.GetEncoding(1252).GetBytes(text),
        _ => Encoding.Unicode.GetBytes(text),
    };
}
