using System.Globalization;
using RightHand.Support.Sla;
using Xunit;

namespace RightHand.Tests.Support.Sla;

/// <summary>The holidays against the published lists of the states' interior ministries, Easter against known dates.</summary>
public sealed class GermanHolidaysTests
{
    // Easter Sunday 2000–2030 as published (e.g. the Physikalisch-Technische Bundesanstalt's table).
    private static readonly string[] Easter2000To2030 =
    [
        "2000-04-23", "2001-04-15", "2002-03-31", "2003-04-20", "2004-04-11", "2005-03-27", "2006-04-16", "2007-04-08",
        "2008-03-23", "2009-04-12", "2010-04-04", "2011-04-24", "2012-04-08", "2013-03-31", "2014-04-20", "2015-04-05",
        "2016-03-27", "2017-04-16", "2018-04-01", "2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09",
        "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21",
    ];

    [Fact]
    public void EasterSunday_MatchesThePublishedDates_From2000To2030()
    {
        var computed = Enumerable.Range(2000, 31).Select(y => Iso(GermanHolidays.EasterSunday(y))).ToArray();
        Assert.Equal(Easter2000To2030, computed);
    }

    [Theory]
    [InlineData(1818, "1818-03-22")] // the earliest possible date
    [InlineData(2285, "2285-03-22")]
    [InlineData(1886, "1886-04-25")] // the latest possible date
    [InlineData(1943, "1943-04-25")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(1583, "1583-04-10")] // the first Gregorian Easter
    public void EasterSunday_IsRightAtTheEdgesOfItsRange(int year, string expected) =>
        Assert.Equal(expected, Iso(GermanHolidays.EasterSunday(year)));

    [Theory]
    [InlineData("BY", 2024, "01-01 01-06 03-29 04-01 05-01 05-09 05-20 05-30 10-03 11-01 12-25 12-26")]
    [InlineData("BY", 2025, "01-01 01-06 04-18 04-21 05-01 05-29 06-09 06-19 10-03 11-01 12-25 12-26")]
    [InlineData("BY", 2026, "01-01 01-06 04-03 04-06 05-01 05-14 05-25 06-04 10-03 11-01 12-25 12-26")]
    [InlineData("BE", 2024, "01-01 03-08 03-29 04-01 05-01 05-09 05-20 10-03 12-25 12-26")]
    [InlineData("BE", 2025, "01-01 03-08 04-18 04-21 05-01 05-08 05-29 06-09 10-03 12-25 12-26")]
    [InlineData("BE", 2026, "01-01 03-08 04-03 04-06 05-01 05-14 05-25 10-03 12-25 12-26")]
    [InlineData("SN", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 10-03 10-31 11-20 12-25 12-26")]
    [InlineData("SN", 2025, "01-01 04-18 04-21 05-01 05-29 06-09 10-03 10-31 11-19 12-25 12-26")]
    [InlineData("SN", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 10-03 10-31 11-18 12-25 12-26")]
    [InlineData("NW", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 05-30 10-03 11-01 12-25 12-26")]
    [InlineData("NW", 2025, "01-01 04-18 04-21 05-01 05-29 06-09 06-19 10-03 11-01 12-25 12-26")]
    [InlineData("NW", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 06-04 10-03 11-01 12-25 12-26")]
    [InlineData("TH", 2024, "01-01 03-29 04-01 05-01 05-09 05-20 09-20 10-03 10-31 12-25 12-26")]
    [InlineData("TH", 2025, "01-01 04-18 04-21 05-01 05-29 06-09 09-20 10-03 10-31 12-25 12-26")]
    [InlineData("TH", 2026, "01-01 04-03 04-06 05-01 05-14 05-25 09-20 10-03 10-31 12-25 12-26")]
    [InlineData("BB", 2025, "01-01 04-18 04-20 04-21 05-01 05-29 06-08 06-09 10-03 10-31 12-25 12-26")]
    [InlineData("SL", 2025, "01-01 04-18 04-21 05-01 05-29 06-09 06-19 08-15 10-03 11-01 12-25 12-26")]
    [InlineData("HH", 2025, "01-01 04-18 04-21 05-01 05-29 06-09 10-03 10-31 12-25 12-26")]
    public void AYear_HasExactlyThePublishedHolidays(string state, int year, string expected)
    {
        var dates = GermanHolidays.Of(year, Enum.Parse<FederalState>(state)).Select(h => h.Date.ToString("MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(expected, string.Join(' ', dates));
    }

    [Fact]
    public void EveryState_Has2025sPublishedNumberOfHolidays()
    {
        var expected = new Dictionary<string, int>
        {
            ["BW"] = 12, ["BY"] = 12, ["BE"] = 11, ["BB"] = 12, ["HB"] = 10, ["HH"] = 10, ["HE"] = 10, ["MV"] = 11,
            ["NI"] = 10, ["NW"] = 11, ["RP"] = 11, ["SL"] = 12, ["SN"] = 11, ["ST"] = 11, ["SH"] = 10, ["TH"] = 11,
        };
        var actual = Enum.GetValues<FederalState>().ToDictionary(s => s.ToString(), s => GermanHolidays.Of(2025, s).Count);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("BE", 2018, "03-08", false)] // Frauentag in Berlin since 2019
    [InlineData("BE", 2019, "03-08", true)]
    [InlineData("MV", 2022, "03-08", false)] // in Mecklenburg-Vorpommern since 2023
    [InlineData("MV", 2023, "03-08", true)]
    [InlineData("TH", 2018, "09-20", false)] // Weltkindertag in Thüringen since 2019
    [InlineData("TH", 2019, "09-20", true)]
    [InlineData("HH", 2016, "10-31", false)] // Reformationstag in the four northern states since 2018
    [InlineData("HH", 2018, "10-31", true)]
    [InlineData("NI", 2018, "10-31", true)]
    [InlineData("BY", 2017, "10-31", true)] // nationwide in its 500th year
    [InlineData("BY", 2018, "10-31", false)]
    [InlineData("BE", 2020, "05-08", true)] // Tag der Befreiung, twice, in Berlin only
    [InlineData("BE", 2021, "05-08", false)]
    [InlineData("BB", 2020, "05-08", false)]
    [InlineData("BY", 2025, "08-15", false)] // Mariä Himmelfahrt only in Catholic communities of Bavaria: left out
    [InlineData("SL", 2026, "08-15", true)]
    [InlineData("SN", 2022, "11-16", true)] // 23 November was a Wednesday: Buß- und Bettag the week before
    [InlineData("ST", 2026, "01-06", true)]
    [InlineData("HE", 2026, "01-06", false)]
    public void StateHolidays_StartInTheYearTheStateIntroducedThem(string state, int year, string monthDay, bool holiday)
    {
        var date = DateOnly.ParseExact($"{year}-{monthDay}", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(holiday, GermanHolidays.Of(year, Enum.Parse<FederalState>(state)).Any(h => h.Date == date));
    }

    [Fact]
    public void Holidays_AreNamedInGermanAndEnglish()
    {
        var corpusChristi = GermanHolidays.Of(2026, FederalState.BY).Single(h => h.Date == new DateOnly(2026, 6, 4));
        Assert.Equal("Fronleichnam", corpusChristi.Name(CultureInfo.GetCultureInfo("de-DE")));
        Assert.Equal("Corpus Christi", corpusChristi.Name(CultureInfo.GetCultureInfo("en-GB")));
        var repentance = GermanHolidays.Of(2025, FederalState.SN).Single(h => h.Date == new DateOnly(2025, 11, 19));
        Assert.Equal(("Buß- und Bettag", "Day of Repentance and Prayer"), (repentance.GermanName, repentance.EnglishName));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
