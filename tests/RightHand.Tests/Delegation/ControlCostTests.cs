using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Delegation;
using RightHand.Platform.Database;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Delegation;

/// <summary>The dashboard's control cost: the owner's capped checking time against the time the assistant logged.</summary>
public sealed class ControlCostTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheDashboard_SetsTheOwnersCheckingTimeAgainstTheLoggedWork(Engine engine)
    {
        // A Wednesday morning, so the whole story falls into one week.
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 18, 8, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var (owner, assistant, taskId, page) = await TaskPeople.OwnerBriefsAssistantAsync(app);
        await assistant.Client.SubmitAsync(page, "start", new Dictionary<string, string>());
        await assistant.Client.SubmitAsync(page, "log-time", new Dictionary<string, string> { ["Log.Duration"] = "11:20", ["Log.Day"] = "2026-11-18" });
        await assistant.Client.SubmitAsync(page, "submit", new Dictionary<string, string> { ["Result"] = "Dubletten entfernt, Liste angehängt." });
        // The owner's own time on tasks is not delegated work.
        var ownTask = await TaskPeople.BriefAsync(owner.Client, TaskPeople.Brief(owner.PersonId, title: "Steuerunterlagen sortieren"));
        await owner.Client.SubmitAsync($"/delegation/tasks/{ownTask}", "start", new Dictionary<string, string>());
        await owner.Client.SubmitAsync($"/delegation/tasks/{ownTask}", "log-time", new Dictionary<string, string> { ["Log.Duration"] = "3:00", ["Log.Day"] = "2026-11-18" });

        Guid requestId;
        await using (var scope = app.Scope())
            requestId = (await scope.ServiceProvider.GetRequiredService<AppDb>().ApprovalRequests.AsNoTracking().SingleAsync(a => a.ItemId == taskId.ToString())).Id;
        var approve = await OpenForm.LoadAsync(owner.Client, "/delegation/approvals", $"approve-{requestId}");
        clock.Advance(TimeSpan.FromMinutes(42));
        await approve.SubmitAsync(new Dictionary<string, string>());

        var card = Html.Parse(await owner.Client.GetStringAsync("/")).QuerySelector("[data-testid=control-cost]")!;
        // 42 minutes of looking count as the 15-minute cap: 15 min of 11 h 20 min is 2 %.
        Assert.Contains("This week: You spent 15 min checking 11 h 20 min of delegated work (2 %)", card.TextContent, StringComparison.Ordinal);
        Assert.Null(Html.Parse(await assistant.Client.GetStringAsync("/")).QuerySelector("[data-testid=control-cost]"));
    }
}
