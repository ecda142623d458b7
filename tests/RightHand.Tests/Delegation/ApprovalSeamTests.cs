using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Delegation;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>
/// The approval seam as another module uses it: a small "test module" that may publish a text only
/// while exactly that text is approved.
/// </summary>
public sealed class ApprovalSeamTests
{
    private static readonly Guid Assistant = Guid.CreateVersion7();
    private static readonly Guid Owner = Guid.CreateVersion7();

    /// <summary>The module under test: it asks for approval of each version and publishes only what is approved.</summary>
    private sealed class TestModule(Approvals approvals, string workType = "newsletter")
    {
        public Task<ApprovalRequest> SubmitAsync(string itemId, string text, long? amountCents = null) =>
            approvals.RequestAsync(new ApprovalAsk(workType, "TestModule", itemId, $"Item {itemId}", text, Hash(text), Assistant, amountCents));

        public Task<bool> MayPublishAsync(string itemId, string text) => approvals.IsApprovedAsync("TestModule", itemId, Hash(text));

        private static string Hash(string text) => RightHand.Access.ApiToken.HashOf(text);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task OnlyTheApprovedVersion_MayBeUsed_AndAnEditAfterApprovalVoidsIt(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await using var scope = app.Scope();
        var approvals = scope.ServiceProvider.GetRequiredService<Approvals>();
        var module = new TestModule(approvals);

        var first = await module.SubmitAsync("n1", "Hallo {{first_name}}, unser Sommerfest …");
        Assert.Equal(ApprovalState.Pending, first.State);
        Assert.False(await module.MayPublishAsync("n1", "Hallo {{first_name}}, unser Sommerfest …"));
        Assert.Same(first, await module.SubmitAsync("n1", "Hallo {{first_name}}, unser Sommerfest …"));

        Assert.True((await approvals.ApproveAsync(first.Id, Owner, freshSecondFactor: false)).Succeeded);
        Assert.True(await module.MayPublishAsync("n1", "Hallo {{first_name}}, unser Sommerfest …"));

        var edited = await module.SubmitAsync("n1", "Hallo {{first_name}}, unser Sommerfest fällt aus");
        Assert.Equal(ApprovalState.Pending, edited.State);
        Assert.False(await module.MayPublishAsync("n1", "Hallo {{first_name}}, unser Sommerfest …"));
        Assert.False(await module.MayPublishAsync("n1", "Hallo {{first_name}}, unser Sommerfest fällt aus"));
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.Equal(ApprovalState.Voided, (await db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.Id == first.Id)).State);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TenApprovalsInARow_OfferThePromotion_AndRequestedChangesFallBackToApproveEach(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await using var scope = app.Scope();
        var approvals = scope.ServiceProvider.GetRequiredService<Approvals>();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var module = new TestModule(approvals, "canned-answer");

        for (var i = 1; i <= 10; i++)
        {
            Assert.False((await db.WorkTypes.AsNoTracking().SingleAsync(w => w.Key == "canned-answer")).PromotionOffered);
            var request = await module.SubmitAsync($"a{i}", $"Antwort {i}");
            Assert.True((await approvals.ApproveAsync(request.Id, Owner, false)).Succeeded);
        }
        Assert.True((await db.WorkTypes.AsNoTracking().SingleAsync(w => w.Key == "canned-answer")).PromotionOffered);
        Assert.True((await approvals.AcceptPromotionAsync("canned-answer", Owner)).Succeeded);

        var trusted = await module.SubmitAsync("a11", "Antwort 11");
        Assert.Equal(ApprovalState.AutoApproved, trusted.State);
        Assert.True(await module.MayPublishAsync("a11", "Antwort 11"));

        Assert.False((await approvals.RequestChangesAsync(trusted.Id, Owner, "  ")).Succeeded);
        Assert.True((await approvals.RequestChangesAsync(trusted.Id, Owner, "Bitte freundlicher formulieren.")).Succeeded);
        var type = await db.WorkTypes.AsNoTracking().SingleAsync(w => w.Key == "canned-answer");
        Assert.Equal((AutonomyLevel.ApproveEach, 0, false), (type.Level, type.ApprovalsInARow, type.PromotionOffered));
        Assert.Equal(ApprovalState.Pending, (await module.SubmitAsync("a12", "Antwort 12")).State);

        var history = await db.AutonomyChanges.AsNoTracking().Where(c => c.WorkTypeKey == "canned-answer").OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync();
        Assert.Equal(
            [(AutonomyLevel.ApproveEach, AutonomyLevel.SpotChecked, "promotion accepted"), (AutonomyLevel.SpotChecked, AutonomyLevel.ApproveEach, "changes requested")],
            history.Select(c => (c.From, c.To, c.Reason)));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Money_NeedsASecondPersonWithAFreshSecondFactor_WhateverTheLevel(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await using var scope = app.Scope();
        var approvals = scope.ServiceProvider.GetRequiredService<Approvals>();
        var module = new TestModule(approvals, "payment-file");
        Assert.True((await approvals.SetLevelAsync("payment-file", AutonomyLevel.Autonomous, Owner)).Succeeded);

        var run = await module.SubmitAsync("run-2026-12", "pain.008 with 42 debits", amountCents: 123_456);
        Assert.Equal(ApprovalState.Pending, run.State);
        Assert.False((await approvals.ApproveAsync(run.Id, Assistant, freshSecondFactor: true)).Succeeded);
        Assert.False((await approvals.ApproveAsync(run.Id, Owner, freshSecondFactor: false)).Succeeded);
        Assert.False(await module.MayPublishAsync("run-2026-12", "pain.008 with 42 debits"));
        Assert.True((await approvals.ApproveAsync(run.Id, Owner, freshSecondFactor: true)).Succeeded);
        Assert.True(await module.MayPublishAsync("run-2026-12", "pain.008 with 42 debits"));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Money_AtOrBelowTheOwnersThreshold_FollowsTheLevel(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await using (var setup = app.Scope())
        {
            var db = setup.ServiceProvider.GetRequiredService<AppDb>();
            (await db.WorkTypes.SingleAsync(w => w.Key == "payout")).FourEyesAboveCents = 10_000;
            await db.SaveChangesAsync();
            Assert.True((await setup.ServiceProvider.GetRequiredService<Approvals>().SetLevelAsync("payout", AutonomyLevel.Autonomous, Owner)).Succeeded);
        }
        await using var scope = app.Scope();
        var module = new TestModule(scope.ServiceProvider.GetRequiredService<Approvals>(), "payout");
        Assert.Equal(ApprovalState.AutoApproved, (await module.SubmitAsync("p1", "Erstattung 100,00 €", amountCents: 10_000)).State);
        Assert.Equal(ApprovalState.Pending, (await module.SubmitAsync("p2", "Erstattung 100,01 €", amountCents: 10_001)).State);
    }

    /// <summary>The test module's own record of its items, kept in step with the decisions.</summary>
    private sealed class RecordingOutcome : IApprovalOutcome
    {
        public List<(string ItemId, ApprovalState State, string? Comment)> Heard { get; } = [];
        public string Module => "TestModule";

        public Task OnDecidedAsync(ApprovalRequest request, CancellationToken ct)
        {
            Heard.Add((request.ItemId, request.State, request.Comment));
            return Task.CompletedTask;
        }
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheAskingModule_HearsEveryDecision_AndTrialItemsAreAlwaysReviewed(Engine engine)
    {
        var outcome = new RecordingOutcome();
        await using var app = await TestApp.StartAsync(engine, services: s => s.AddSingleton<IApprovalOutcome>(outcome));
        await using var scope = app.Scope();
        var approvals = scope.ServiceProvider.GetRequiredService<Approvals>();
        var module = new TestModule(approvals, "canned-answer");

        var first = await module.SubmitAsync("c1", "Antwort");
        Assert.Empty(outcome.Heard);
        Assert.True((await approvals.RequestChangesAsync(first.Id, Owner, "Kürzer, bitte.")).Succeeded);
        var second = await module.SubmitAsync("c1", "Kurze Antwort");
        Assert.True((await approvals.ApproveAsync(second.Id, Owner, false)).Succeeded);
        Assert.Equal([("c1", ApprovalState.ChangesRequested, "Kürzer, bitte."), ("c1", ApprovalState.Approved, null)], outcome.Heard);

        Assert.True((await approvals.SetLevelAsync("canned-answer", AutonomyLevel.Autonomous, Owner)).Succeeded);
        var trial = await approvals.RequestAsync(new ApprovalAsk("canned-answer", "TestModule", "c2", "Trial", "Probe", "h2", Assistant, AlwaysReview: true));
        Assert.Equal((ApprovalState.AutoApproved, true), (trial.State, trial.SampledForReview));
        Assert.Equal(("c2", ApprovalState.AutoApproved, (string?)null), outcome.Heard[^1]);
    }

    [Fact]
    public void SpotCheckSample_DrawsAboutTheShareAsked_AndNoneAtZero()
    {
        var sampler = new SpotCheckSampler(new Random(2026));
        var drawn = Enumerable.Range(0, 1000).Count(_ => sampler.Draw(20));
        Assert.InRange(drawn, 160, 240);
        Assert.DoesNotContain(true, Enumerable.Range(0, 1000).Select(_ => sampler.Draw(0)));
        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(sampler.Draw(100)));
    }
}
