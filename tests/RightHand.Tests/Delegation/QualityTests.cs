using Microsoft.Extensions.DependencyInjection;
using RightHand.Delegation;
using RightHand.Delegation.Reviews;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>Week-by-week quality and the warning when care slips; the arithmetic of what control costs.</summary>
public sealed class QualityTests
{
    [Theory]
    [InlineData(new[] { 4.5, 4.0, 3.5 }, true, true)]
    [InlineData(new[] { 4.5, 4.0, 4.0 }, true, false)]
    [InlineData(new[] { 4.0, 4.5 }, true, false)]
    [InlineData(new[] { 0.1, 0.2, 0.3 }, false, true)]
    [InlineData(new[] { 0.3, 0.2, 0.3 }, false, false)]
    [InlineData(new[] { 5.0, 3.0, 4.5, 4.0, 3.0 }, true, true)]
    public void Worsening_MeansTwoStepsDownInARow(double[] weeks, bool higherIsBetter, bool expected) =>
        Assert.Equal(expected, Trend.Worsens(weeks.Select(w => (double?)w), higherIsBetter));

    [Fact]
    public void Worsening_SkipsWeeksWithoutWork()
    {
        Assert.True(Trend.Worsens([4.5, null, 4.0, null, 3.0, null], higherIsBetter: true));
        Assert.False(Trend.Worsens([null, null, 4.0, null, 3.0], higherIsBetter: true));
    }

    [Fact]
    public void Weeks_StartOnMondayInBerlin()
    {
        // Sunday 23:30 UTC in November is already Monday 00:30 in Berlin.
        Assert.Equal(new DateOnly(2026, 11, 23), Weeks.StartOf(new DateTime(2026, 11, 22, 23, 30, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateOnly(2026, 11, 16), Weeks.StartOf(new DateTime(2026, 11, 22, 22, 30, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 11, 15, 23, 0, 0, DateTimeKind.Utc), Weeks.UtcStart(new DateOnly(2026, 11, 16)));
    }

    [Theory]
    [InlineData(2520, 680, "You spent 42 min checking 11 h 20 min of delegated work (6 %)")]
    [InlineData(3600, 120, "You spent 1 h checking 2 h of delegated work (50 %)")]
    [InlineData(29, 60, "You spent 0 min checking 1 h of delegated work (1 %)")]
    [InlineData(600, 0, "You spent 10 min checking; no delegated work was logged")]
    public void ControlCost_SaysWhatCheckingCostsInWords(int checkingSeconds, int workMinutes, string expected) =>
        Assert.Equal(expected, new ControlCost(checkingSeconds, workMinutes).Describe(new PassThroughLocalizer()));

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ThreeWeeksOfFallingScores_RaiseAWarning(Engine engine)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, RightHand.Access.Roles.Assistant);
        await using (var scope = app.Scope())
        {
            var approvals = scope.ServiceProvider.GetRequiredService<Approvals>();
            Assert.True((await approvals.SetRulesAsync("canned-answer", new CheckingRules { SampleRatePercent = 100, PromotionThreshold = 10 })).Succeeded);
            Assert.True((await approvals.SetLevelAsync("canned-answer", AutonomyLevel.SpotChecked, owner.PersonId)).Succeeded);
        }
        var page = Html.Parse(await owner.Client.GetStringAsync("/delegation/quality"));
        Assert.Empty(page.QuerySelectorAll("[data-testid=quality-warning]"));

        var week = 0;
        foreach (var score in new[] { 5, 4, 3 })
        {
            await using var scope = app.Scope();
            var text = $"Antwort aus Woche {++week}";
            var item = await scope.ServiceProvider.GetRequiredService<Approvals>().RequestAsync(
                new ApprovalAsk("canned-answer", "TestModule", $"w{week}", text, text, RightHand.Access.ApiToken.HashOf(text), assistant.PersonId));
            var scored = await scope.ServiceProvider.GetRequiredService<SpotChecks>().ScoreAsync(item.Id, owner.PersonId,
                new Scores { Correctness = score, Tone = score, Completeness = score });
            Assert.True(scored.Succeeded, string.Join("; ", scored.Errors));
            clock.Advance(TimeSpan.FromDays(7));
        }

        // Three weeks on, the owner's sign-in has expired: a fresh one.
        using var ownerNow = await StaffSession.SignInAsync(app, owner.Email, owner.Password, owner.AuthenticatorKey);
        page = Html.Parse(await ownerNow.GetStringAsync("/delegation/quality"));
        var warning = Assert.Single(page.QuerySelectorAll("[data-testid=quality-warning]")).TextContent;
        Assert.Contains(assistant.Name, warning, StringComparison.Ordinal);
        Assert.Contains("the average score has fallen three weeks running", warning, StringComparison.Ordinal);
        Assert.Contains("5.0", page.QuerySelector("table.weeks")!.TextContent, StringComparison.Ordinal);
    }
}
