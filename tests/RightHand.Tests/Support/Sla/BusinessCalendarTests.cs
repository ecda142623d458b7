using RightHand.Support.Sla;
using Xunit;
using static RightHand.Tests.Support.Sla.SlaCalendars;

namespace RightHand.Tests.Support.Sla;

/// <summary>
/// Business time in a calendar of opening hours, holidays and closed dates, in local wall-clock time: the clocks
/// change on 29 March and 25 October 2026 in Berlin (CET is UTC+1, CEST UTC+2).
/// </summary>
public sealed class BusinessCalendarTests
{
    [Theory]
    [InlineData("2026-03-27T08:00Z", true)]  // Friday 09:00 CET: opening
    [InlineData("2026-03-27T07:59Z", false)]
    [InlineData("2026-03-27T15:59Z", true)]
    [InlineData("2026-03-27T16:00Z", false)] // 17:00 CET: closing time itself is closed
    [InlineData("2026-03-28T10:00Z", false)] // Saturday
    [InlineData("2026-03-30T07:00Z", true)]  // Monday 09:00 CEST, one hour earlier in UTC after the switch
    [InlineData("2026-03-30T06:59Z", false)]
    [InlineData("2026-03-30T15:00Z", false)] // 17:00 CEST
    [InlineData("2026-12-25T10:00Z", false)] // Christmas Day, a Friday: a holiday in every state
    public void IsOpen_FollowsTheWallClockInBerlin(string instant, bool open)
    {
        var calendar = Office(FederalState.BE);
        Assert.Equal(open, calendar.IsOpen(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime));
    }

    [Fact]
    public void AddBusinessTime_SkipsTheWeekend_AcrossTheSpringSwitch()
    {
        // Friday 16:00 CET plus two business hours: one on Friday, one on Monday from 09:00 CEST.
        Assert.Equal(Utc(2026, 3, 30, 8), Office().AddBusinessTime(Utc(2026, 3, 27, 15), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void AddBusinessTime_SkipsTheWeekend_AcrossTheAutumnSwitch()
    {
        // Friday 16:00 CEST plus two hours: Monday 10:00 CET, which is 09:00 UTC.
        Assert.Equal(Utc(2026, 10, 26, 9), Office().AddBusinessTime(Utc(2026, 10, 23, 14), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void AddBusinessTime_FromAClosedTime_StartsAtTheNextOpening()
    {
        Assert.Equal(Utc(2026, 1, 12, 9), Office().AddBusinessTime(Utc(2026, 1, 10, 12), TimeSpan.FromHours(1))); // Saturday → Monday 10:00 CET
        Assert.Equal(Utc(2026, 1, 12, 16), Office().AddBusinessTime(Utc(2026, 1, 12, 9), TimeSpan.FromHours(7)));  // exactly to closing time
        Assert.Equal(Utc(2026, 1, 12, 9), Office().AddBusinessTime(Utc(2026, 1, 12, 9), TimeSpan.Zero));
    }

    [Fact]
    public void BusinessTimeBetween_CountsOpenHoursOnly()
    {
        var office = Office();
        Assert.Equal(TimeSpan.FromHours(16), office.BusinessTimeBetween(Utc(2026, 3, 27, 8), Utc(2026, 3, 30, 15))); // Friday and Monday, full days
        Assert.Equal(TimeSpan.FromMinutes(90), office.BusinessTimeBetween(Utc(2026, 1, 12, 14, 30), Utc(2026, 1, 13, 8)));
        Assert.Equal(TimeSpan.Zero, office.BusinessTimeBetween(Utc(2026, 1, 13, 9), Utc(2026, 1, 12, 9)));
        Assert.Equal(TimeSpan.Zero, office.BusinessTimeBetween(Utc(2026, 1, 10, 0), Utc(2026, 1, 11, 23))); // a weekend
    }

    [Fact]
    public void ADayOpenAroundTheClock_Has23HoursInMarch_And25InOctober()
    {
        var allDay = AllDay();
        // From local midnight to local midnight on the days the clocks change.
        Assert.Equal(TimeSpan.FromHours(23), allDay.BusinessTimeBetween(Utc(2026, 3, 28, 23), Utc(2026, 3, 29, 22)));
        Assert.Equal(TimeSpan.FromHours(25), allDay.BusinessTimeBetween(Utc(2026, 10, 24, 22), Utc(2026, 10, 25, 23)));
        // Back-to-back days run on without a gap: 24 business hours are 24 real hours, across the switch.
        Assert.Equal(Utc(2026, 3, 29, 23), allDay.AddBusinessTime(Utc(2026, 3, 28, 23), TimeSpan.FromHours(24)));
        Assert.True(allDay.IsOpen(Utc(2026, 10, 25, 1, 30)));
    }

    [Fact]
    public void OpeningHoursAroundTheSwitch_CountRealTime()
    {
        // 01:00–04:00 wall clock: two real hours on the spring Sunday, four on the autumn one, three on others.
        var night = OnlySunday(Span(1, 0, 4, 0));
        Assert.Equal(TimeSpan.FromHours(2), night.BusinessTimeBetween(Utc(2026, 3, 28, 12), Utc(2026, 3, 29, 12)));
        Assert.Equal(TimeSpan.FromHours(4), night.BusinessTimeBetween(Utc(2026, 10, 24, 12), Utc(2026, 10, 25, 12)));
        Assert.Equal(TimeSpan.FromHours(3), night.BusinessTimeBetween(Utc(2026, 4, 4, 12), Utc(2026, 4, 5, 12)));

        // Opening in the skipped hour opens when the clocks jump (03:00 CEST); closing in the repeated hour closes at its second pass.
        var inTheGap = OnlySunday(Span(2, 30, 4, 0));
        Assert.Equal(Utc(2026, 3, 29, 1, 30), inTheGap.AddBusinessTime(Utc(2026, 3, 28, 12), TimeSpan.FromMinutes(30)));
        Assert.Equal(TimeSpan.FromHours(1), inTheGap.BusinessTimeBetween(Utc(2026, 3, 28, 12), Utc(2026, 3, 29, 12)));
        var intoTheRepeat = OnlySunday(Span(1, 0, 2, 30));
        Assert.Equal(TimeSpan.FromMinutes(150), intoTheRepeat.BusinessTimeBetween(Utc(2026, 10, 24, 12), Utc(2026, 10, 25, 12)));
    }

    [Fact]
    public void TwoIntervalsADay_LeaveTheBreakOut()
    {
        var withLunch = Hours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> { [DayOfWeek.Monday] = [Span(9, 0, 12, 0), Span(13, 0, 17, 0)] });
        Assert.Equal(Utc(2026, 1, 12, 13), withLunch.AddBusinessTime(Utc(2026, 1, 12, 10), TimeSpan.FromHours(2))); // 11–12 and 13–14 CET
        Assert.False(withLunch.IsOpen(Utc(2026, 1, 12, 11, 30)));
        Assert.Equal(TimeSpan.FromHours(7), withLunch.BusinessTimeBetween(Utc(2026, 1, 12, 0), Utc(2026, 1, 13, 0)));
        // Only Mondays are open: the next business hour after Monday's last is the following Monday's first.
        Assert.Equal(Utc(2026, 1, 19, 9), withLunch.AddBusinessTime(Utc(2026, 1, 12, 15), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void StateHolidaysAndClosedDates_AreClosedAllDay()
    {
        // Wednesday 15:00 CEST plus four hours; Thursday 4 June 2026 is Corpus Christi in North Rhine-Westphalia, not in Berlin.
        var start = Utc(2026, 6, 3, 13);
        Assert.Equal(Utc(2026, 6, 5, 9), Office(FederalState.NW).AddBusinessTime(start, TimeSpan.FromHours(4)));
        Assert.Equal(Utc(2026, 6, 4, 9), Office(FederalState.BE).AddBusinessTime(start, TimeSpan.FromHours(4)));
        // The bridge day after it closed as well: on to Monday.
        Assert.Equal(Utc(2026, 6, 8, 9), Office(FederalState.NW, new DateOnly(2026, 6, 5)).AddBusinessTime(start, TimeSpan.FromHours(4)));
        Assert.True(Office(FederalState.NW).IsClosedDay(new DateOnly(2026, 6, 4)));
        Assert.False(Office().IsClosedDay(new DateOnly(2026, 6, 4)));
    }

    [Fact]
    public void OpeningHours_AreReadInTheCalendarsOwnTimeZone()
    {
        var newYork = Hours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> { [DayOfWeek.Monday] = [Span(9, 0, 17, 0)] }, "America/New_York");
        Assert.True(newYork.IsOpen(Utc(2026, 1, 12, 14)));   // 09:00 EST
        Assert.False(newYork.IsOpen(Utc(2026, 1, 12, 13, 59)));
        Assert.True(newYork.IsOpen(Utc(2026, 3, 16, 13)));   // 09:00 EDT: the US switched on 8 March
    }

    [Fact]
    public void ACalendarWithoutOpeningHours_OrWithBrokenOnes_IsRefused()
    {
        var none = Assert.Throws<ArgumentException>(() => Hours(Every(DayOfWeek.Monday, DayOfWeek.Tuesday)));
        Assert.Contains("no opening hours", none.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Hours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> { [DayOfWeek.Monday] = [Span(9, 0, 13, 0), Span(12, 0, 17, 0)] }));
        Assert.Throws<ArgumentException>(() => Hours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> { [DayOfWeek.Monday] = [Span(17, 0, 9, 0)] }));
    }

    [Fact]
    public void ATargetBeyondTheHorizon_FailsClearly_InsteadOfWalkingForever()
    {
        var tiny = Hours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> { [DayOfWeek.Monday] = [Span(9, 0, 9, 1)] });
        var error = Assert.Throws<InvalidOperationException>(() => tiny.AddBusinessTime(Utc(2026, 1, 12, 0), TimeSpan.FromHours(100)));
        Assert.Contains("less than 100 business hours", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => tiny.BusinessTimeBetween(Utc(2026, 1, 1, 0), Utc(2036, 1, 1, 0)));
    }
}
