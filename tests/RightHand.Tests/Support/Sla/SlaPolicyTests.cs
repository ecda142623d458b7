using RightHand.Support.Sla;
using Xunit;
using static RightHand.Tests.Support.Sla.SlaCalendars;

namespace RightHand.Tests.Support.Sla;

/// <summary>Due times from the default targets and from a category's own, in Berlin office hours.</summary>
public sealed class SlaPolicyTests
{
    private static readonly DateTime Created = Utc(2026, 1, 12, 9); // Monday 10:00 CET
    private static readonly Guid Billing = Guid.Parse("0196c1d2-0000-7000-8000-000000000001");

    private static SlaPolicy Policy(params SlaCategoryTarget[] categories) => new(Office(), SlaPolicy.DefaultTargets, categories);

    [Theory]
    [InlineData("Urgent", "2026-01-12T10:00Z", "2026-01-13T09:00Z")] // 1 h; 8 h = 7 on Monday and 1 on Tuesday
    [InlineData("High", "2026-01-12T13:00Z", "2026-01-14T09:00Z")]   // 4 h; 16 h = two working days
    [InlineData("Normal", "2026-01-13T09:00Z", "2026-01-19T09:00Z")] // 8 h; 40 h = a working week
    [InlineData("Low", "2026-01-14T09:00Z", "2026-01-26T09:00Z")]    // 16 h; 80 h = two working weeks
    public void DefaultTargets_GiveTheseDueTimes(string priority, string firstResponse, string resolution)
    {
        var (first, solved) = Policy().DueTimes(priority, null, Created);
        Assert.Equal(Parse(firstResponse), first);
        Assert.Equal(Parse(resolution), solved);
    }

    [Fact]
    public void ACategorysOwnTargets_ReplaceThePrioritysForThatCategoryOnly()
    {
        var policy = Policy(new SlaCategoryTarget(Billing, "Urgent", new SlaTarget(TimeSpan.FromMinutes(30), TimeSpan.FromHours(4))));
        Assert.Equal((Utc(2026, 1, 12, 9, 30), Utc(2026, 1, 12, 13)), policy.DueTimes("Urgent", Billing, Created));
        Assert.Equal((Utc(2026, 1, 12, 10), Utc(2026, 1, 13, 9)), policy.DueTimes("Urgent", Guid.NewGuid(), Created));
        Assert.Equal(Utc(2026, 1, 12, 13), policy.DueTimes("High", Billing, Created).FirstResponseDue);
    }

    [Fact]
    public void PausedTickets_GetDueTimesFromTheClock()
    {
        var due = Policy().DueTimes("Urgent", null, Created, [new SlaPause(Utc(2026, 1, 12, 9, 30), Utc(2026, 1, 12, 10, 30))]);
        Assert.Equal(new SlaDueTimes(Utc(2026, 1, 12, 11), Utc(2026, 1, 13, 10)), due);
        Assert.Equal(new SlaDueTimes(null, null), Policy().DueTimes("Urgent", null, Created, [new SlaPause(Created, null)]));
    }

    [Fact]
    public void AnUnknownPriority_IsNamedInTheError()
    {
        var error = Assert.Throws<ArgumentException>(() => Policy().DueTimes("Critical", null, Created));
        Assert.Contains("'Critical' is not a ticket priority", error.Message, StringComparison.Ordinal);
    }

    private static DateTime Parse(string instant) =>
        DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;
}
