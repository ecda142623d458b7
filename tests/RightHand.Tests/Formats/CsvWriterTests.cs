using RightHand.Formats.Csv;
using Xunit;

namespace RightHand.Tests.Formats;

/// <summary>RFC 4180 quoting and OWASP's defence against CSV injection.</summary>
public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+49 30 1234", "'+49 30 1234")]
    [InlineData("-5", "'-5")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tindented", "'\tindented")]
    [InlineData("plain", "plain")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Escape_PrefixesFormulaStarts_WithApostrophe(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Escape(value));

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+1,2", "\"'=1+1,2\"")]
    public void Escape_QuotesFieldsWithSeparatorQuoteOrLineBreak(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Escape(value));

    [Fact]
    public void Escape_WithSemicolonSeparator_QuotesSemicolonsButNotCommas()
    {
        Assert.Equal("\"a;b\"", CsvWriter.Escape("a;b", ';'));
        Assert.Equal("a,b", CsvWriter.Escape("a,b", ';'));
    }

    [Fact]
    public void WriteRow_EndsRowsWithCrLf_AndWritesNullAsEmpty()
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var csv = new CsvWriter(text);

        csv.WriteRow("seq", null, "x,y");
        csv.WriteRow("1", "=2", "");

        Assert.Equal("seq,,\"x,y\"\r\n1,'=2,\r\n", text.ToString());
    }

    [Fact]
    public void WrittenRows_ReadBackToTheSameCells()
    {
        string[][] rows = [["a", "b,c", "d \"e\""], ["multi\r\nline", "", "ü€"]];
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var csv = new CsvWriter(text);
        foreach (var row in rows) csv.WriteRow(row);

        var read = CsvText.Parse(text.ToString());

        Assert.Equal(rows.Select(r => r.ToList()), read);
    }
}
