using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Delegation;
using RightHand.Delegation.Reviews;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>Spot checks after the fact, the review clock behind the control cost, and the feedback the assistant reads.</summary>
public sealed class SpotCheckTests
{
    private static async Task<ApprovalRequest> AskAsync(TestApp app, string itemId, string text, Guid preparedBy, bool trial = false)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<Approvals>().RequestAsync(
            new ApprovalAsk("canned-answer", "TestModule", itemId, $"Antwort {itemId}", text, ApiToken.HashOf(text), preparedBy, AlwaysReview: trial));
    }

    private static async Task SpotCheckEverythingAsync(TestApp app, Guid owner)
    {
        await using var scope = app.Scope();
        var approvals = scope.ServiceProvider.GetRequiredService<Approvals>();
        Assert.True((await approvals.SetRulesAsync("canned-answer", new CheckingRules { SampleRatePercent = 100, PromotionThreshold = 10 })).Succeeded);
        Assert.True((await approvals.SetLevelAsync("canned-answer", AutonomyLevel.SpotChecked, owner)).Succeeded);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheOwnerScoresASampledItem_AndTheAssistantReadsTheFeedback(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        await SpotCheckEverythingAsync(app, owner.PersonId);
        var item = await AskAsync(app, "a1", "Guten Tag, Ihr Passwort setzen Sie unter Konto → Sicherheit zurück.", assistant.PersonId);
        Assert.Equal((ApprovalState.AutoApproved, true), (item.State, item.SampledForReview));

        var form = await OpenForm.LoadAsync(owner.Client, "/delegation/reviews", $"score-{item.Id}");
        clock.Advance(TimeSpan.FromMinutes(4));
        var incomplete = await form.SubmitAsync(new Dictionary<string, string> { ["Input.Correctness"] = "4", ["Input.Completeness"] = "6" });
        var errors = Html.Parse(await incomplete.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Tone: give a score from 1 to 5.", errors, StringComparison.Ordinal);
        Assert.Contains("Completeness: give a score from 1 to 5.", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Correctness:", errors, StringComparison.Ordinal);

        await form.SubmitAsync(new Dictionary<string, string>
        {
            ["Input.Correctness"] = "5", ["Input.Tone"] = "3", ["Input.Completeness"] = "4", ["Input.Comment"] = "Richtig, aber bitte mit Anrede.",
        });
        await using (var scope = app.Scope())
        {
            var review = await scope.ServiceProvider.GetRequiredService<AppDb>().SpotCheckReviews.AsNoTracking().SingleAsync();
            Assert.Equal((item.Id, owner.PersonId, 5, 3, 4, 240), (review.ApprovalRequestId, review.ReviewedBy, review.Correctness, review.Tone, review.Completeness, review.ReviewSeconds));
        }
        var list = Html.Parse(await owner.Client.GetStringAsync("/delegation/reviews"));
        Assert.DoesNotContain(Html.FormNames(list), n => n.StartsWith("score-", StringComparison.Ordinal));

        var feedback = Html.Parse(await assistant.Client.GetStringAsync("/delegation/feedback"));
        var row = feedback.QuerySelector("tbody tr")!.TextContent;
        Assert.Contains("Antwort a1", row, StringComparison.Ordinal);
        Assert.Contains("Richtig, aber bitte mit Anrede.", row, StringComparison.Ordinal);
        Assert.Equal("/access-denied", Html.LocationPath(await assistant.Client.GetAsync("/delegation/reviews")));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ReviewTime_RunsFromOpeningToDeciding_CappedAtFifteenMinutes(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var preparer = Guid.CreateVersion7();
        var quick = await AskAsync(app, "q1", "Kurz", preparer);
        var slow = await AskAsync(app, "q2", "Lang", preparer);

        var approveQuick = await OpenForm.LoadAsync(owner.Client, "/delegation/approvals", $"approve-{quick.Id}");
        clock.Advance(TimeSpan.FromSeconds(95));
        await approveQuick.SubmitAsync(new Dictionary<string, string>());
        // The owner opens the queue again and leaves the second item open over lunch.
        var sendBackSlow = await OpenForm.LoadAsync(owner.Client, "/delegation/approvals", $"changes-{slow.Id}");
        clock.Advance(TimeSpan.FromMinutes(50));
        await sendBackSlow.SubmitAsync(new Dictionary<string, string> { ["Comment"] = "Bitte ausführlicher." });

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.Equal(95, (await db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.Id == quick.Id)).ReviewSeconds);
        Assert.Equal(900, (await db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.Id == slow.Id)).ReviewSeconds);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TrialWork_IsReviewedEvenWhenAutonomous_AndItsScoresShowOnThePersonsPage(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, Roles.Assistant);
        await using (var scope = app.Scope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<Approvals>().SetLevelAsync("canned-answer", AutonomyLevel.Autonomous, owner.PersonId)).Succeeded);
        var trial = await AskAsync(app, "t1", "Probeantwort auf eine Kündigung", assistant.PersonId, trial: true);
        Assert.Equal((ApprovalState.AutoApproved, true), (trial.State, trial.SampledForReview));

        var people = Html.Parse(await owner.Client.GetStringAsync("/access/people"));
        var link = people.QuerySelector($"tr[data-person='{assistant.Email}'] a[href^='/delegation/people/']")!.GetAttribute("href")!;
        var before = Html.Parse(await owner.Client.GetStringAsync(link)).QuerySelector("tbody tr")!.TextContent;
        Assert.Contains("waiting for your review", before, StringComparison.Ordinal);

        await owner.Client.SubmitAsync("/delegation/reviews", $"score-{trial.Id}", new Dictionary<string, string>
        {
            ["Input.Correctness"] = "2", ["Input.Tone"] = "4", ["Input.Completeness"] = "3", ["Input.Comment"] = "Kündigungsfrist fehlt.",
        });
        var cells = Html.Parse(await owner.Client.GetStringAsync(link)).QuerySelector("tbody tr")!.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Antwort t1", "2", "4", "3", "Kündigungsfrist fehlt."], cells.Where((_, i) => i != 1));
    }

    [Fact]
    public void TheReviewClocksStamp_OnlyCountsForItsOwnItem_AndNotWhenChanged()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var reviewClock = new ReviewClock(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(), clock);
        var item = Guid.CreateVersion7();
        var stamp = reviewClock.Start(item);
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), reviewClock.OpenedAt(item, stamp));
        Assert.Null(reviewClock.OpenedAt(Guid.CreateVersion7(), stamp));
        Assert.Null(reviewClock.OpenedAt(item, stamp[..^2] + (stamp[^2] == 'A' ? "B" : "A") + stamp[^1]));
        Assert.Null(reviewClock.OpenedAt(item, null));
    }

    [Fact]
    public void ReviewTime_IsCappedAndNeverNegative()
    {
        var opened = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
        Assert.Equal(180, ReviewTime.Seconds(opened, opened.AddMinutes(3)));
        Assert.Equal(900, ReviewTime.Seconds(opened, opened.AddHours(2)));
        Assert.Equal(0, ReviewTime.Seconds(null, opened));
        Assert.Equal(0, ReviewTime.Seconds(opened, opened.AddMinutes(-1)));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task CheckingRules_AreValidated_AndTheFourEyesAmountIsReadInTheOwnersLanguage(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var bad = await owner.Client.SubmitAsync("/delegation/work-types", "rules-payout", new Dictionary<string, string>
        {
            ["Rules.SampleRatePercent"] = "150", ["Rules.PromotionThreshold"] = "10", ["Rules.FourEyesAboveEuros"] = "viel",
        });
        var errors = Html.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Spot-check share", errors, StringComparison.Ordinal);
        Assert.Contains("Four eyes above", errors, StringComparison.Ordinal);

        owner.Client.DefaultRequestHeaders.AcceptLanguage.Clear();
        owner.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        await owner.Client.SubmitAsync("/delegation/work-types", "rules-payout", new Dictionary<string, string>
        {
            ["Rules.SampleRatePercent"] = "25", ["Rules.PromotionThreshold"] = "5", ["Rules.FourEyesAboveEuros"] = "1.250,50",
        });
        await using var scope = app.Scope();
        var payout = await scope.ServiceProvider.GetRequiredService<AppDb>().WorkTypes.AsNoTracking().SingleAsync(w => w.Key == "payout");
        Assert.Equal((25, 5, 125_050L), (payout.SampleRatePercent, payout.PromotionThreshold, payout.FourEyesAboveCents));
    }
}
