using System.Text;
using RightHand.Formats.Csv;
using Xunit;

namespace RightHand.Tests.Formats;

/// <summary>Files as Excel, LibreOffice and platform exports write them, and as people break them.</summary>
public sealed class CsvReaderTests
{
    static CsvReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static (CsvReader Reader, List<CsvRecord> Records) Read(byte[] bytes, CsvReaderOptions? options = null)
    {
        var reader = CsvReader.Open(new MemoryStream(bytes), options);
        return (reader, reader.ReadRecords().ToList());
    }

    private static (CsvReader Reader, List<CsvRecord> Records) Read(string text) => Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void GermanExcelExport_Windows1252WithSemicolons_ReadsUmlautsAndDecimalCommas()
    {
        var text = "Mitgliedsnummer;Vorname;Nachname;Straße;PLZ;Ort;Beitrag;Geburtsdatum\r\n" +
                   "M-0001;Jürgen;Müller;Hauptstraße 5;80331;München;12,50;03.07.1975\r\n" +
                   "M-0002;Anne-Sophie;Weiß;Königsallee 1;40212;Düsseldorf;1.234,56;29.02.1980\r\n";
        var (reader, records) = Read(Encoding.GetEncoding(1252).GetBytes(text));

        Assert.Equal(CsvEncoding.Windows1252, reader.Encoding);
        Assert.Equal(';', reader.Separator);
        Assert.Equal("Straße", reader.Header[3]);
        Assert.Empty(reader.Problems);
        Assert.Equal(["M-0001", "Jürgen", "Müller", "Hauptstraße 5", "80331", "München", "12,50", "03.07.1975"], records[0].Fields);
        Assert.Equal("Weiß", records[1][2]);
        Assert.Equal([2, 3], records.Select(r => r.Row));
    }

    [Fact]
    public void ExcelUnicodeText_Utf16WithTabs_IsRecognised()
    {
        var text = "Vorname\tNachname\tE-Mail\r\nZoë\tÇelik\tzoe@example.org\r\n";
        var (reader, records) = Read([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);

        Assert.Equal(CsvEncoding.Utf16LittleEndian, reader.Encoding);
        Assert.Equal('\t', reader.Separator);
        Assert.Equal(["Zoë", "Çelik", "zoe@example.org"], Assert.Single(records).Fields);
    }

    [Fact]
    public void Utf16BigEndian_WithMark_AndUtf16WithoutMark_AreRecognised()
    {
        var text = "first name,last name\nAda,Lovelace\n";
        var (big, bigRecords) = Read([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)]);
        var (bare, bareRecords) = Read(Encoding.Unicode.GetBytes(text));

        Assert.Equal(CsvEncoding.Utf16BigEndian, big.Encoding);
        Assert.Equal(CsvEncoding.Utf16LittleEndian, bare.Encoding);
        Assert.Equal("Lovelace", bigRecords[0][1]);
        Assert.Equal("Lovelace", bareRecords[0][1]);
    }

    [Fact]
    public void Utf8_WithAndWithoutMark_IsRecognised_AndTheMarkIsNotPartOfTheFirstHeader()
    {
        var (withMark, _) = Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("E-Mail,Ort\na@b.de,Köln\n")]);
        var (without, records) = Read("E-Mail,Ort\na@b.de,Köln\n");

        Assert.Equal(CsvEncoding.Utf8WithBom, withMark.Encoding);
        Assert.Equal("E-Mail", withMark.Header[0]);
        Assert.Equal(CsvEncoding.Utf8, without.Encoding);
        Assert.Equal("Köln", records[0][1]);
    }

    [Fact]
    public void QuotedFields_KeepSeparatorsDoubledQuotesAndLineBreaks_AndRowNumbersFollowTheSpreadsheet()
    {
        var text = "Name;Notizen;Ort\r\n\"Müller; Hans\";\"sagt \"\"Hallo\"\"\r\nzweite Zeile\";Berlin\r\nSchmidt;kurz;Hamburg\r\n";
        var (_, records) = Read(text);

        Assert.Equal(["Müller; Hans", "sagt \"Hallo\"\r\nzweite Zeile", "Berlin"], records[0].Fields);
        Assert.Equal((2, 2), (records[0].Row, records[0].Line));
        Assert.Equal((3, 4), (records[1].Row, records[1].Line));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void EveryLineEnd_EndsARow_AndBlankLinesAreSkipped(string end)
    {
        var (_, records) = Read($"a,b{end}1,2{end}{end},,{end}3,4{end}{end}");

        Assert.Equal([["1", "2"], ["3", "4"]], records.Select(r => r.Fields.ToList()));
        Assert.Equal([2, 5], records.Select(r => r.Row));
    }

    [Fact]
    public void SeparatorInsideQuotes_DoesNotDecideTheSeparator()
    {
        var (reader, records) = Read("Name,Ort\n\"Meyer; Otto\",Bonn\n\"Kühn; Eva\",Ulm\n");

        Assert.Equal(',', reader.Separator);
        Assert.Equal("Meyer; Otto", records[0][0]);
    }

    [Fact]
    public void RaggedRows_AreReportedWithRowAndCounts_TrailingEmptyCellsAreNot()
    {
        var (reader, records) = Read("a;b;c\n1;2\n1;2;3;4\n1;2;3;;\n");

        Assert.Equal("Row 2: expected 3 cells as in the header, found 2.", Assert.Single(records[0].Problems).Message);
        Assert.Equal([3, 4], records[1].Problems.Single().Arguments);
        Assert.True(records[2].IsValid);
        Assert.Equal(2, reader.ProblemCount);
    }

    [Fact]
    public void UnbalancedQuote_IsReportedAtTheRowWhereItOpened()
    {
        var (reader, records) = Read("a,b\n1,2\n3,\"open\n5,6\n7,8\n");

        Assert.True(records[0].IsValid);
        var problem = Assert.Single(records[1].Problems);
        Assert.Equal(CsvProblemCode.UnclosedQuote, problem.Code);
        Assert.Equal((3, 3), (problem.Row, problem.Line));
        Assert.Equal(problem, Assert.Single(reader.Problems));
    }

    [Fact]
    public void QuoteInsideAnUnquotedCell_IsAnOrdinaryCharacter()
    {
        var (_, records) = Read("Name,Ort\nHans \"Hansi\" Meyer,Bonn\n");

        Assert.True(records[0].IsValid);
        Assert.Equal("Hans \"Hansi\" Meyer", records[0][0]);
    }

    [Fact]
    public void NulBytes_AreRemovedAndReported()
    {
        var (_, records) = Read("a,b\nx\0y,2\n");

        Assert.Equal("xy", records[0][0]);
        Assert.Equal(CsvProblemCode.NulCharacter, Assert.Single(records[0].Problems).Code);
    }

    [Fact]
    public void HugeField_IsCutAndReportedWithRowAndColumnName()
    {
        var bytes = Encoding.UTF8.GetBytes($"Name,Notizen\r\nA,{new string('x', 200)}\r\nB,ok\r\n");
        var (_, records) = Read(bytes, new CsvReaderOptions { MaxFieldLength = 100 });

        var problem = Assert.Single(records[0].Problems);
        Assert.Equal("Row 2, column \"Notizen\": the cell is longer than 100 characters.", problem.Message);
        Assert.Equal(100, records[0][1].Length);
        Assert.True(records[1].IsValid);
    }

    [Fact]
    public void BinaryFile_IsReportedAsNotText_AndYieldsNoRows()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var (reader, records) = Read(bytes);

        Assert.True(reader.IsUnreadable);
        Assert.Equal(CsvProblemCode.NotText, Assert.Single(reader.Problems).Code);
        Assert.Empty(records);
    }

    [Fact]
    public void SpreadsheetInsteadOfCsv_IsReportedAsNotText()
    {
        // An .xlsx is a zip archive: what people upload when they forget "Save as CSV".
        using var xlsx = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(xlsx, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open()))
        {
            for (var i = 0; i < 2000; i++) entry.Write($"<row r=\"{i}\"><c t=\"s\"><v>{i * 7919 % 1000}</v></c></row>");
        }
        var (reader, records) = Read(xlsx.ToArray());

        Assert.Equal("The file is not a CSV text file (it looks like binary data).", Assert.Single(reader.Problems).Message);
        Assert.Empty(records);
    }

    [Fact]
    public void EmptyFile_HasNoHeader()
    {
        var (reader, records) = Read("\r\n\r\n");

        Assert.Equal(CsvProblemCode.NoHeader, Assert.Single(reader.Problems).Code);
        Assert.Empty(records);
    }

    [Fact]
    public void EmptyAndDuplicateHeaders_AreReported()
    {
        var (reader, _) = Read("E-Mail;;Ort;e-mail\n");

        Assert.Equal(
            ["Row 1: the header of column 2 is empty.", "Row 1: the header \"e-mail\" appears twice (columns 1 and 4)."],
            reader.Problems.Select(p => p.Message));
    }

    [Fact]
    public void Windows1252_WhoseFirstUmlautComesAfterTheSample_IsStillReadAsWindows1252()
    {
        var head = "Vorname;Ort\r\n" + string.Concat(Enumerable.Repeat("Anna;Bonn\r\n", 100));
        var bytes = Encoding.GetEncoding(1252).GetBytes(head + "Jürgen;München\r\n");
        var (reader, records) = Read(bytes, new CsvReaderOptions { SampleBytes = 64 });

        Assert.Equal(CsvEncoding.Windows1252, reader.Encoding);
        Assert.Equal(["Jürgen", "München"], records[^1].Fields);
        Assert.Empty(reader.Problems);
    }

    [Fact]
    public void InvalidUtf8_AfterRealUtf8_IsReportedOnItsRow()
    {
        var head = Encoding.UTF8.GetBytes("a,b\nKöln,y\n" + string.Concat(Enumerable.Repeat("x,y\n", 100)));
        var (reader, records) = Read([.. head, .. "z,"u8, 0xFC, .. "\n"u8], new CsvReaderOptions { SampleBytes = 64 });

        Assert.Equal(CsvEncoding.Utf8, reader.Encoding);
        Assert.Equal(CsvProblemCode.UndecodableBytes, Assert.Single(records[^1].Problems).Code);
        Assert.Equal("\uFFFD", records[^1][1]);
        Assert.Equal(103, records[^1].Row);
        Assert.Equal("Köln", records[0][0]);
    }

    [Fact]
    public void LongFile_IsReadRowByRowFromAStreamThatCannotSeek()
    {
        var text = new StringBuilder("Nummer;Name\n");
        for (var i = 0; i < 20_000; i++) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i};Name {i}\n");
        var reader = CsvReader.Open(new ForwardOnlyStream(Encoding.UTF8.GetBytes(text.ToString())));

        var count = 0;
        foreach (var record in reader.ReadRecords())
        {
            Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), record[0]);
            count++;
        }
        Assert.Equal(20_000, count);
    }

    [Fact]
    public void ForcedSeparator_OverridesDetection()
    {
        var (reader, records) = Read("a;b|c\n1;2|3\n"u8.ToArray(), new CsvReaderOptions { Separator = '|' });

        Assert.Equal('|', reader.Separator);
        Assert.Equal(["1;2", "3"], records[0].Fields);
    }

    [Fact]
    public void Rows_CanBeReadOnlyOnce()
    {
        var reader = CsvReader.Open(new MemoryStream("a\n1\n"u8.ToArray()));
        _ = reader.ReadRecords().ToList();

        Assert.Throws<InvalidOperationException>(() => reader.ReadRecords());
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
