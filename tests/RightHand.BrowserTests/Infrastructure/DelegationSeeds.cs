using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Delegation;
using RightHand.Platform.Database;

namespace RightHand.BrowserTests.Infrastructure;

/// <summary>
/// What other modules would create (approval requests, a spot-checked kind of work), made through the
/// app's own services: the browser tests then start where a person would.
/// </summary>
public static class DelegationSeeds
{
    public static async Task<Guid> PersonIdAsync(TestApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        return await db.People.AsNoTracking().Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
    }

    /// <summary>One item asking for approval; the item id and hash follow from the title, so each title is its own item.</summary>
    public static async Task RequestAsync(TestApp app, string workType, string title, string preview, Guid preparedBy, long? amountCents = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var approvals = scope.ServiceProvider.GetRequiredService<Approvals>();
        await approvals.RequestAsync(new ApprovalAsk(workType, "browser-tests", title, title, preview, $"hash-{title}", preparedBy, amountCents));
    }

    /// <summary>A kind of work the owner has made spot-checked, with every item drawn for review.</summary>
    public static async Task SpotCheckEverythingAsync(TestApp app, string workType, Guid owner)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var approvals = scope.ServiceProvider.GetRequiredService<Approvals>();
        Assert.True((await approvals.SetLevelAsync(workType, AutonomyLevel.SpotChecked, owner)).Succeeded);
        Assert.True((await approvals.SetRulesAsync(workType, new CheckingRules { SampleRatePercent = 100, PromotionThreshold = 10 })).Succeeded);
    }

    /// <summary>A decision proposed by <paramref name="author"/> with the given participants, its event in a month.</summary>
    public static async Task<Guid> ProposeDecisionAsync(TestApp app, string title, Guid author, params Guid[] participants)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<RightHand.Delegation.Decisions.DecisionLog>();
        var (result, decision) = await log.ProposeAsync(new(title, "Webinar on the new membership fees.\nSlides by Friday.", scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddDays(30), participants), author);
        Assert.True(result.Succeeded);
        return decision!.Id;
    }
}
