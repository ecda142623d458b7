namespace RightHand.Support.Sla;

/// <summary>A statutory public holiday on a date, named in German and in English.</summary>
internal sealed record PublicHoliday(DateOnly Date, string GermanName, string EnglishName)
{
    /// <summary>The name in the language of <paramref name="culture"/> (German for German, English otherwise).</summary>
    public string Name(System.Globalization.CultureInfo culture) => culture.TwoLetterISOLanguageName == "de" ? GermanName : EnglishName;
}

/// <summary>
/// The statutory public holidays of a German federal state: the nationwide ones, the movable ones counted from
/// Easter Sunday, and each state's own, with the year a state introduced them. Mariä Himmelfahrt in Bavaria is left
/// out: it is a holiday only in the Bavarian communities with a Catholic majority, which a state-wide calendar cannot tell.
/// </summary>
internal static class GermanHolidays
{
    /// <summary>
    /// Easter Sunday of a Gregorian year by the anonymous Gregorian computus (Meeus/Jones/Butcher), valid for any year
    /// from 1583 on.
    /// </summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>Buß- und Bettag: the last Wednesday before 23 November (never the 23rd itself).</summary>
    public static DateOnly RepentanceDay(int year)
    {
        var date = new DateOnly(year, 11, 22);
        while (date.DayOfWeek != DayOfWeek.Wednesday) date = date.AddDays(-1);
        return date;
    }

    /// <summary>The public holidays of <paramref name="year"/> in <paramref name="state"/>, in date order.</summary>
    public static IReadOnlyList<PublicHoliday> Of(int year, FederalState state)
    {
        var easter = EasterSunday(year);
        var list = new List<PublicHoliday>
        {
            new(new DateOnly(year, 1, 1), "Neujahr", "New Year's Day"),
            new(easter.AddDays(-2), "Karfreitag", "Good Friday"),
            new(easter.AddDays(1), "Ostermontag", "Easter Monday"),
            new(new DateOnly(year, 5, 1), "Tag der Arbeit", "Labour Day"),
            new(easter.AddDays(39), "Christi Himmelfahrt", "Ascension Day"),
            new(easter.AddDays(50), "Pfingstmontag", "Whit Monday"),
            new(new DateOnly(year, 10, 3), "Tag der Deutschen Einheit", "German Unity Day"),
            new(new DateOnly(year, 12, 25), "1. Weihnachtstag", "Christmas Day"),
            new(new DateOnly(year, 12, 26), "2. Weihnachtstag", "Boxing Day"),
        };

        if (state is FederalState.BW or FederalState.BY or FederalState.ST)
            list.Add(new(new DateOnly(year, 1, 6), "Heilige Drei Könige", "Epiphany"));
        if ((state == FederalState.BE && year >= 2019) || (state == FederalState.MV && year >= 2023))
            list.Add(new(new DateOnly(year, 3, 8), "Internationaler Frauentag", "International Women's Day"));
        if (state == FederalState.BB)
        {
            list.Add(new(easter, "Ostersonntag", "Easter Sunday"));
            list.Add(new(easter.AddDays(49), "Pfingstsonntag", "Whit Sunday"));
        }
        // The 75th and 80th anniversary of the end of the war in Europe, each a holiday once, in Berlin only.
        if (state == FederalState.BE && year is 2020 or 2025)
            list.Add(new(new DateOnly(year, 5, 8), "Tag der Befreiung", "Liberation Day"));
        if (state is FederalState.BW or FederalState.BY or FederalState.HE or FederalState.NW or FederalState.RP or FederalState.SL)
            list.Add(new(easter.AddDays(60), "Fronleichnam", "Corpus Christi"));
        if (state == FederalState.SL)
            list.Add(new(new DateOnly(year, 8, 15), "Mariä Himmelfahrt", "Assumption Day"));
        if (state == FederalState.TH && year >= 2019)
            list.Add(new(new DateOnly(year, 9, 20), "Weltkindertag", "World Children's Day"));
        if (IsReformationDay(year, state))
            list.Add(new(new DateOnly(year, 10, 31), "Reformationstag", "Reformation Day"));
        if (state is FederalState.BW or FederalState.BY or FederalState.NW or FederalState.RP or FederalState.SL)
            list.Add(new(new DateOnly(year, 11, 1), "Allerheiligen", "All Saints' Day"));
        if (state == FederalState.SN)
            list.Add(new(RepentanceDay(year), "Buß- und Bettag", "Day of Repentance and Prayer"));

        list.Sort((x, y) => x.Date.CompareTo(y.Date));
        return list;
    }

    // The eastern states have kept it since 1990; four northern states added it in 2018; in 2017, its 500th year, it was nationwide.
    private static bool IsReformationDay(int year, FederalState state) =>
        year == 2017
        || state is FederalState.BB or FederalState.MV or FederalState.SN or FederalState.ST or FederalState.TH
        || (year >= 2018 && state is FederalState.HB or FederalState.HH or FederalState.NI or FederalState.SH);
}
