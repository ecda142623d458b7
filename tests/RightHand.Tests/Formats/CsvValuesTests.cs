using RightHand.Formats.Csv;
using Xunit;

namespace RightHand.Tests.Formats;

/// <summary>Dates and amounts as German and English spreadsheets write them, and the reasons for refusing others.</summary>
public sealed class CsvValuesTests
{
    [Theory]
    [InlineData("03.07.1975", 1975, 7, 3)]
    [InlineData("3.7.1975", 1975, 7, 3)]
    [InlineData("1975-07-03", 1975, 7, 3)]
    [InlineData(" 29.02.2024 ", 2024, 2, 29)]
    [InlineData("03.07.1975 00:00", 1975, 7, 3)]
    [InlineData("25/12/2024", 2024, 12, 25)]
    [InlineData("12/25/2024", 2024, 12, 25)]
    [InlineData("07/07/2024", 2024, 7, 7)]
    public void TryParseDate_AcceptsGermanIsoAndUnambiguousSlashDates(string text, int year, int month, int day)
    {
        Assert.True(CsvValues.TryParseDate(text, out var date, out var problem));
        Assert.Null(problem);
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("03/04/2024", ValueProblemCode.AmbiguousDate)]
    [InlineData("31.02.2024", ValueProblemCode.NoSuchDay)]
    [InlineData("29.02.2023", ValueProblemCode.NoSuchDay)]
    [InlineData("2024-13-01", ValueProblemCode.NoSuchDay)]
    [InlineData("01.02.24", ValueProblemCode.NotADate)]
    [InlineData("morgen", ValueProblemCode.NotADate)]
    [InlineData("", ValueProblemCode.NotADate)]
    [InlineData("٠١.٠٢.٢٠٢٤", ValueProblemCode.NotADate)]
    public void TryParseDate_RefusesWithAReason(string text, ValueProblemCode code)
    {
        Assert.False(CsvValues.TryParseDate(text, out _, out var problem));
        Assert.Equal(code, problem!.Code);
    }

    [Fact]
    public void AmbiguousDate_SaysHowToWriteIt() =>
        Assert.Equal(
            "\"03/04/2024\" could be day/month or month/day; write it as dd.MM.yyyy or yyyy-MM-dd.",
            CsvValues.TryParseDate("03/04/2024", out _, out var problem) ? "" : problem!.Message);

    [Theory]
    [InlineData("12,50", "12.50")]
    [InlineData("12.50", "12.50")]
    [InlineData("1.234,56", "1234.56")]
    [InlineData("1,234.56", "1234.56")]
    [InlineData("1 234,56", "1234.56")]
    [InlineData("1.234.567", "1234567")]
    [InlineData("1,234,567.5", "1234567.5")]
    [InlineData("-3", "-3")]
    [InlineData("0,125", "0.125")]
    [InlineData("12,50 €", "12.50")]
    [InlineData("EUR 99", "99")]
    [InlineData("12,5", "12.5")]
    public void TryParseDecimal_AcceptsCommaOrPointWithThousands(string text, string expected)
    {
        Assert.True(CsvValues.TryParseDecimal(text, out var value, out var problem), problem?.Message);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("1,234", ValueProblemCode.AmbiguousNumber)]
    [InlineData("1.500", ValueProblemCode.AmbiguousNumber)]
    [InlineData("zwölf", ValueProblemCode.NotANumber)]
    [InlineData("", ValueProblemCode.NotANumber)]
    [InlineData("1.23.4", ValueProblemCode.NotANumber)]
    [InlineData("1,234.567,8", ValueProblemCode.NotANumber)]
    [InlineData("12,", ValueProblemCode.NotANumber)]
    [InlineData("=1+2", ValueProblemCode.NotANumber)]
    [InlineData("99999999999999999999999999999999", ValueProblemCode.NotANumber)]
    public void TryParseDecimal_RefusesWithAReason(string text, ValueProblemCode code)
    {
        Assert.False(CsvValues.TryParseDecimal(text, out _, out var problem));
        Assert.Equal(code, problem!.Code);
    }
}
