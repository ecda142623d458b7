using Microsoft.Extensions.DependencyInjection;
using RightHand.Support;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Sla;

/// <summary>The support overview counts what is open and late now, and how the service levels fared in the period.</summary>
public sealed class SupportOverviewTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task TheOverview_CountsOpenAndOverdueTickets_AndTheShareAnsweredInTime(Engine engine)
    {
        // Monday 2 March 2026, 09:00 in Berlin; normal tickets are due a first response within 8 business hours.
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var inTime = await SupportPages.OpenByMailAsync(app, "a@example.org", "Frage A");
        var late = await SupportPages.OpenByMailAsync(app, "b@example.org", "Frage B");
        await SupportPages.OpenByMailAsync(app, "c@example.org", "Frage C");

        async Task ReplyAsync(Ticket t)
        {
            await using var scope = app.Scope();
            var result = await scope.ServiceProvider.GetRequiredService<TicketDesk>().ReplyAsync(t.Id, owner.PersonId, "Antwort", TicketState.Open);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }
        clock.Advance(TimeSpan.FromHours(1));
        await ReplyAsync(inTime);
        clock.Advance(TimeSpan.FromDays(1)); // Tuesday: the other two are past their first-response time
        await ReplyAsync(late);

        var client = await owner.SignInAgainAsync(app); // a day later the first session has timed out
        var page = await Html.GetAsync(client, "/support/overview");
        Assert.Equal("1", page.QuerySelector("[data-testid=overdue]")!.TextContent); // C is unanswered; B was answered, late
        Assert.Equal("3", page.QuerySelector("[data-testid=opened]")!.TextContent);
        var all = page.QuerySelector("[data-testid=sla-hits] tr[data-priority=all]")!.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal("50 % of 2", all[0]);
        var normal = page.QuerySelector("[data-testid=sla-hits] tr[data-priority=Normal]")!.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal("50 % of 2", normal[1]);
        Assert.Contains("Open", page.QuerySelector("[data-testid=by-state]")!.TextContent, StringComparison.Ordinal);
    }
}
