using RightHand.Support.Sla;
using Xunit;
using static RightHand.Tests.Support.Sla.SlaCalendars;

namespace RightHand.Tests.Support.Sla;

/// <summary>The SLA clock stands still while a ticket waits for the member; Monday 12 January 2026, Berlin office hours (UTC+1).</summary>
public sealed class SlaClockTests
{
    private static readonly DateTime Opened = Utc(2026, 1, 12, 8); // Monday 09:00 CET

    [Fact]
    public void WithoutPauses_TheClockIsTheCalendarsBusinessTime()
    {
        Assert.Equal(TimeSpan.FromHours(6), SlaClock.Elapsed(Office(), Opened, [], Utc(2026, 1, 12, 14)));
        Assert.Equal(Utc(2026, 1, 12, 16), SlaClock.Due(Office(), Opened, [], TimeSpan.FromHours(8)));
    }

    [Fact]
    public void WaitingForTheMember_PushesTheDueTimeBack()
    {
        // Waiting 11:00–13:00 CET: two business hours do not count.
        SlaPause[] pauses = [new(Utc(2026, 1, 12, 10), Utc(2026, 1, 12, 12))];
        Assert.Equal(TimeSpan.FromHours(4), SlaClock.Elapsed(Office(), Opened, pauses, Utc(2026, 1, 12, 14)));
        Assert.Equal(Utc(2026, 1, 13, 10), SlaClock.Due(Office(), Opened, pauses, TimeSpan.FromHours(8))); // Tuesday 11:00 CET
    }

    [Fact]
    public void APauseOverNight_CountsOnlyItsBusinessHours()
    {
        // Monday 16:00 to Tuesday 10:00 CET: one business hour on each day.
        SlaPause[] pauses = [new(Utc(2026, 1, 12, 15), Utc(2026, 1, 13, 9))];
        Assert.Equal(Utc(2026, 1, 13, 10), SlaClock.Due(Office(), Opened, pauses, TimeSpan.FromHours(8)));
        Assert.Equal(TimeSpan.FromHours(9), SlaClock.Elapsed(Office(), Opened, pauses, Utc(2026, 1, 13, 11))); // 7 on Monday, 11:00–13:00 CET on Tuesday
    }

    [Fact]
    public void OverlappingPauses_CountOnce_InAnyOrder()
    {
        SlaPause[] pauses = [new(Utc(2026, 1, 12, 10, 30), Utc(2026, 1, 12, 12)), new(Utc(2026, 1, 12, 10), Utc(2026, 1, 12, 11))];
        Assert.Equal(Utc(2026, 1, 13, 10), SlaClock.Due(Office(), Opened, pauses, TimeSpan.FromHours(8)));
        Assert.Equal(TimeSpan.FromHours(4), SlaClock.Elapsed(Office(), Opened, pauses, Utc(2026, 1, 12, 14)));
    }

    [Fact]
    public void WhileStillWaiting_ThereIsNoDueTime_AndTheClockStandsStill()
    {
        SlaPause[] waiting = [new(Utc(2026, 1, 12, 10), null)];
        Assert.Null(SlaClock.Due(Office(), Opened, waiting, TimeSpan.FromHours(8)));
        Assert.Equal(TimeSpan.FromHours(2), SlaClock.Elapsed(Office(), Opened, waiting, Utc(2026, 1, 14, 12)));
        // A wait that began after the target was reached does not take the due time back.
        SlaPause[] later = [new(Utc(2026, 1, 13, 12), null)];
        Assert.Equal(Utc(2026, 1, 12, 16), SlaClock.Due(Office(), Opened, later, TimeSpan.FromHours(8)));
    }
}
