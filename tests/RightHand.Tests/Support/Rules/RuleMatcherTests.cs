using RightHand.Members;
using RightHand.Support;
using RightHand.Support.Rules;
using RightHand.Support.Sla;
using Xunit;

namespace RightHand.Tests.Support.Rules;

/// <summary>The conditions decided on their own: words, time of day in the business time zone, weekdays, business hours, member facts.</summary>
public sealed class RuleMatcherTests
{
    private static readonly BusinessCalendar Berlin = new SlaSetup("Europe/Berlin", null, BusinessCalendar.OfficeHours, [], SlaPolicy.DefaultTargets, []).Policy().Calendar;

    private static RuleFacts At(DateTime utc, string subject = "Frage", string body = "Hallo", RequesterFacts? member = null) =>
        new(TicketChannel.Email, null, subject, body, utc, member);

    private static SupportRule Rule() => new() { Name = "t", AddTag = "x" };

    [Fact]
    public void Words_MatchWholeWordsAnyOfThem_CaseIgnored()
    {
        var rule = Rule();
        rule.SubjectWords = "rechnung invoice";
        Assert.True(RuleMatcher.Matches(rule, At(DateTime.UtcNow, "Meine RECHNUNG fehlt"), Berlin));
        Assert.True(RuleMatcher.Matches(rule, At(DateTime.UtcNow, "Where is my invoice?"), Berlin));
        // "Rechnungen" is another word: a rule author writes every form they mean.
        Assert.False(RuleMatcher.Matches(rule, At(DateTime.UtcNow, "Rechnungen fehlen"), Berlin));
        rule.SubjectWords = null;
        rule.BodyWords = "kündigen";
        Assert.True(RuleMatcher.Matches(rule, At(DateTime.UtcNow, body: "Ich möchte Kündigen."), Berlin));
        Assert.False(RuleMatcher.Matches(rule, At(DateTime.UtcNow, body: "Meine Kündigung"), Berlin));
    }

    [Fact]
    public void TimeOfDay_IsTheBusinessTimeZones_OverMidnightAndAcrossDaylightSaving()
    {
        var rule = Rule();
        (rule.FromMinute, rule.ToMinute) = (18 * 60, 8 * 60);
        // Monday 2 March 2026: Berlin is UTC+1. 17:30 UTC is 18:30 there, 06:59 UTC is 07:59, 07:00 UTC is 08:00.
        Assert.True(RuleMatcher.Matches(rule, At(new DateTime(2026, 3, 2, 17, 30, 0, DateTimeKind.Utc)), Berlin));
        Assert.True(RuleMatcher.Matches(rule, At(new DateTime(2026, 3, 2, 6, 59, 0, DateTimeKind.Utc)), Berlin));
        Assert.False(RuleMatcher.Matches(rule, At(new DateTime(2026, 3, 2, 7, 0, 0, DateTimeKind.Utc)), Berlin));
        // In summer Berlin is UTC+2: 16:30 UTC is 18:30.
        Assert.True(RuleMatcher.Matches(rule, At(new DateTime(2026, 7, 6, 16, 30, 0, DateTimeKind.Utc)), Berlin));
        Assert.False(RuleMatcher.Matches(rule, At(new DateTime(2026, 7, 6, 15, 30, 0, DateTimeKind.Utc)), Berlin));

        var weekend = Rule();
        weekend.Weekdays = 1 << (int)DayOfWeek.Saturday | 1 << (int)DayOfWeek.Sunday;
        // Sunday 23:30 UTC is already Monday in Berlin.
        Assert.True(RuleMatcher.Matches(weekend, At(new DateTime(2026, 3, 1, 22, 30, 0, DateTimeKind.Utc)), Berlin));
        Assert.False(RuleMatcher.Matches(weekend, At(new DateTime(2026, 3, 1, 23, 30, 0, DateTimeKind.Utc)), Berlin));

        var closed = Rule();
        closed.OutsideBusinessHours = true;
        Assert.False(RuleMatcher.Matches(closed, At(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc)), Berlin));
        Assert.True(RuleMatcher.Matches(closed, At(new DateTime(2026, 3, 2, 20, 0, 0, DateTimeKind.Utc)), Berlin));
    }

    [Fact]
    public void MemberConditions_NeverHoldForARequesterWhoIsNoMember()
    {
        var plan = Guid.NewGuid();
        var rule = Rule();
        (rule.MemberStatus, rule.MemberPlanId, rule.MemberTag) = (MemberStatus.Active, plan, "vip");
        var vip = new RequesterFacts(MemberStatus.Active, plan, new HashSet<string>(["vip"], StringComparer.OrdinalIgnoreCase));
        Assert.True(RuleMatcher.Matches(rule, At(DateTime.UtcNow, member: vip), Berlin));
        Assert.False(RuleMatcher.Matches(rule, At(DateTime.UtcNow, member: vip with { Status = MemberStatus.Paused }), Berlin));
        Assert.False(RuleMatcher.Matches(rule, At(DateTime.UtcNow, member: vip with { PlanId = Guid.NewGuid() }), Berlin));
        Assert.False(RuleMatcher.Matches(rule, At(DateTime.UtcNow, member: vip with { Tags = new HashSet<string>() }), Berlin));
        Assert.False(RuleMatcher.Matches(rule, At(DateTime.UtcNow), Berlin));
    }
}
