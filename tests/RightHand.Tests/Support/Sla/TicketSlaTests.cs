using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Platform.Database;
using RightHand.Support;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Sla;

/// <summary>A ticket's due times follow the service levels: set when it opens, moved by priority, paused while it waits for the member.</summary>
public sealed class TicketSlaTests
{
    private static async Task<Ticket> ReloadAsync(TestApp app, Guid id)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Tickets.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    private static async Task DoAsync(TestApp app, Func<TicketDesk, Task<RightHand.Access.OperationResult>> operation)
    {
        await using var scope = app.Scope();
        var result = await operation(scope.ServiceProvider.GetRequiredService<TicketDesk>());
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }

    private static DateTime Utc(int day, int hour) => new(2026, 3, day, hour, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task DueTimes_FollowPriority_AndTheClockStandsStillWhileTheTicketWaitsForTheMember(Engine engine)
    {
        // Monday 2 March 2026, 09:00 in Berlin (08:00 UTC); the default hours are Monday to Friday, 09:00–17:00.
        var clock = new ManualClock(new DateTimeOffset(Utc(2, 8)));
        await using var app = await TestApp.StartAsync(engine, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var ticket = await SupportPages.OpenByMailAsync(app, "lena@example.org", "Rechnung doppelt");
        ticket = await ReloadAsync(app, ticket.Id);
        Assert.Equal((Utc(2, 16), Utc(6, 16)), (ticket.FirstResponseDueAt, ticket.ResolutionDueAt)); // normal: 8 h, 40 h of business time

        await DoAsync(app, d => d.SetPriorityAsync(ticket.Id, TicketPriority.Urgent));
        ticket = await ReloadAsync(app, ticket.Id);
        Assert.Equal((Utc(2, 9), Utc(2, 16)), (ticket.FirstResponseDueAt, ticket.ResolutionDueAt)); // urgent: 1 h, 8 h
        var atRisk = await Html.GetAsync(owner.Client, "/support?view=sla");
        Assert.Contains("Rechnung doppelt", atRisk.Body!.TextContent, StringComparison.Ordinal);
        await DoAsync(app, d => d.SetPriorityAsync(ticket.Id, TicketPriority.Normal));

        // 11:00 in Berlin: the reply stops the clock until the member writes back on Wednesday at 11:00.
        clock.Advance(TimeSpan.FromHours(2));
        await DoAsync(app, d => d.ReplyAsync(ticket.Id, owner.PersonId, "Wir prüfen das."));
        ticket = await ReloadAsync(app, ticket.Id);
        Assert.Equal((Utc(2, 10), Utc(2, 10)), (ticket.FirstRespondedAt, ticket.SlaPausedAt));
        Assert.DoesNotContain("Rechnung doppelt", (await Html.GetAsync(owner.Client, "/support?view=sla")).Body!.TextContent, StringComparison.Ordinal);
        var paused = (await Html.GetAsync(owner.Client, $"/support/tickets/{ticket.Number}")).QuerySelector("[data-testid=sla]")!.TextContent;
        Assert.Contains("met ", paused, StringComparison.Ordinal);
        Assert.Contains("waiting for the member", paused, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromDays(2));
        await DoAsync(app, d => d.AddRequesterMessageAsync(ticket.Id, "Danke, hier der Auszug.", TicketChannel.Email));

        ticket = await ReloadAsync(app, ticket.Id);
        // It waited 6 + 8 + 2 = 16 business hours: resolution is due 40 + 16 hours of business time after Monday 09:00,
        // Tuesday 10 March at 17:00 in Berlin. The first response was given in time and keeps its due time.
        Assert.Equal((TicketState.Open, (DateTime?)null, 16L * 3600), (ticket.State, ticket.SlaPausedAt, ticket.SlaPausedSeconds));
        Assert.Equal((Utc(2, 16), Utc(10, 16)), (ticket.FirstResponseDueAt, ticket.ResolutionDueAt));
    }
}
