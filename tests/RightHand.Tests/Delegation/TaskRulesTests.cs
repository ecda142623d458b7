using RightHand.Delegation.Tasks;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>The pure rules of tasks: reading typed durations, finding mentions, the days a schedule falls on.</summary>
public sealed class TaskRulesTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("1:30", 90)]
    [InlineData(" 0:05 ", 5)]
    [InlineData("1h 30m", 90)]
    [InlineData("2h", 120)]
    [InlineData("45min", 45)]
    [InlineData("24:00", 1440)]
    public void Duration_ReadsMinutesAndHours(string typed, int minutes) => Assert.Equal(minutes, Duration.ParseMinutes(typed));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1:75")]
    [InlineData("1,5")]
    [InlineData("24:01")]
    [InlineData("anderthalb")]
    public void Duration_RefusesWhatIsNoTimeOrMoreThanADay(string typed) => Assert.Null(Duration.ParseMinutes(typed));

    [Fact]
    public void Duration_FormatsAsHoursAndMinutes() => Assert.Equal(("2:15 h", "0:05 h"), (Duration.Format(135), Duration.Format(5)));

    [Fact]
    public void Mentions_MatchFirstNameOrEmail_IgnoringCase_AndNotInsideAnAddress()
    {
        Mentions.Candidate anna = new(Guid.NewGuid(), "Anna Assist", "anna@example.org"), bernd = new(Guid.NewGuid(), "Bernd Berater", "bernd@example.org"),
            carla = new(Guid.NewGuid(), "Carla Clerk", "carla@example.org");
        var found = Mentions.Find("@ANNA. Und @bernd@example.org, bitte. Mail an carla@example.org.", [anna, bernd, carla]);
        Assert.Equal([anna, bernd], found);
        Assert.Empty(Mentions.Find("Kein Hinweis hier, nur anna@example.org", [anna]));
    }

    [Fact]
    public void Schedules_FallOnTheirDays_MonthlyClampedToTheMonthsEnd()
    {
        var monthly = new RecurringTask { Title = "t", Goal = "g", DefinitionOfDone = "d", Kind = RecurrenceKind.Monthly, DayOfMonth = 31 };
        Assert.True(monthly.OccursOn(new DateOnly(2026, 2, 28)));
        Assert.True(monthly.OccursOn(new DateOnly(2028, 2, 29)));
        Assert.False(monthly.OccursOn(new DateOnly(2028, 2, 28)));
        Assert.True(monthly.OccursOn(new DateOnly(2026, 3, 31)));
        Assert.False(monthly.OccursOn(new DateOnly(2026, 3, 30)));
        var weekly = new RecurringTask { Title = "t", Goal = "g", DefinitionOfDone = "d", Kind = RecurrenceKind.Weekly, Weekday = (int)DayOfWeek.Wednesday };
        Assert.True(weekly.OccursOn(new DateOnly(2026, 3, 4)));
        Assert.False(weekly.OccursOn(new DateOnly(2026, 3, 5)));
        var workdays = new RecurringTask { Title = "t", Goal = "g", DefinitionOfDone = "d", Kind = RecurrenceKind.WorkingDays };
        Assert.Equal(5, Enumerable.Range(0, 7).Count(i => workdays.OccursOn(new DateOnly(2026, 3, 2).AddDays(i))));
    }
}
