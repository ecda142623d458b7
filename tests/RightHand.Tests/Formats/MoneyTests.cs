using System.Globalization;
using RightHand.Formats;
using Xunit;

namespace RightHand.Tests.Formats;

public sealed class MoneyTests
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public void ToString_InGerman_PutsTheEuroSignAfterTheAmount_WithANonBreakingSpace() =>
        Assert.Equal("1.234,56\u00A0€", new Money(123456).ToString(null, German));

    [Fact]
    public void ToString_InBritishEnglish_PutsTheEuroSignFirst() =>
        Assert.Equal("€1,234.56", new Money(123456).ToString(null, British));

    [Theory]
    [InlineData(-123456, "de-DE", "-1.234,56\u00A0€")]
    [InlineData(-123456, "en-GB", "-€1,234.56")]
    [InlineData(5, "de-DE", "0,05\u00A0€")]
    [InlineData(0, "en-GB", "€0.00")]
    public void ToString_ShowsNegativeAndSmallAmountsWithTwoDecimals(long cents, string culture, string expected) =>
        Assert.Equal(expected, new Money(cents).ToString(null, CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void ToString_WithAnotherCultureThanTheCurrentOne_UsesTheGivenCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = British;
        try
        {
            Assert.Equal("1.234,56\u00A0€", string.Format(German, "{0}", new Money(123456)));
            Assert.Equal("€1,234.56", new Money(123456).ToString());
        }
        finally { CultureInfo.CurrentCulture = previous; }
    }

    [Theory]
    [InlineData("12.34", 1234)]
    [InlineData("0.004", 0)]
    [InlineData("0.006", 1)]
    // Commercial rounding (kaufmännisches Runden): a half cent goes away from zero, as on invoices and in tax.
    [InlineData("0.005", 1)]
    [InlineData("0.125", 13)]
    [InlineData("2.675", 268)]
    [InlineData("-0.125", -13)]
    [InlineData("-0.004", 0)]
    public void FromEuros_RoundsToWholeCents_HalfAwayFromZero(string euros, long expectedCents) =>
        Assert.Equal(expectedCents, Money.FromEuros(decimal.Parse(euros, CultureInfo.InvariantCulture)).Cents);

    [Fact]
    public void FromEuros_BeyondWhatCentsCanHold_Throws() =>
        Assert.Throws<OverflowException>(() => Money.FromEuros(decimal.MaxValue / 10));

    [Fact]
    public void Arithmetic_StaysInWholeCents()
    {
        Assert.Equal(new Money(30), new Money(10) + new Money(20));
        Assert.Equal(new Money(-10), new Money(10) - new Money(20));
        Assert.Equal(1234.56m, new Money(123456).Euros);
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
    }

    [Theory]
    [InlineData("12,50", 1250)]
    [InlineData("1.234,56 €", 123456)]
    [InlineData("1,234.56", 123456)]
    [InlineData("0", 0)]
    public void TryParseEuros_ReadsGermanAndEnglishAmounts(string typed, long cents)
    {
        Assert.True(Money.TryParseEuros(typed, out var money));
        Assert.Equal(cents, money.Cents);
    }

    [Theory]
    [InlineData("viel")]
    [InlineData("1.500")]
    [InlineData("12,505")]
    [InlineData("")]
    public void TryParseEuros_RefusesWhatIsNoAmountOrAmbiguous(string typed) => Assert.False(Money.TryParseEuros(typed, out _));
}
