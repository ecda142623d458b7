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

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task AnHourBeforeADueTime_TheAssigneeIsWarnedOnce_AndNobodyAboutATicketWaitingForTheMember(Engine engine)
    {
        var clock = new ManualClock(new DateTimeOffset(Utc(2, 8)));
        await using var app = await TestApp.StartAsync(engine, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, clock: clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var assistant = await StaffSession.CreateAndSignInAsync(app, RightHand.Access.Roles.Assistant);
        var urgent = await SupportPages.OpenByMailAsync(app, "lena@example.org", "Zugang gesperrt");
        await DoAsync(app, d => d.SetPriorityAsync(urgent.Id, TicketPriority.Urgent)); // first response due 09:00 UTC
        await DoAsync(app, d => d.AssignAsync(urgent.Id, assistant.PersonId));
        var waiting = await SupportPages.OpenByMailAsync(app, "ben@example.org", "Kündigung");
        await DoAsync(app, d => d.SetPriorityAsync(waiting.Id, TicketPriority.Urgent));
        await DoAsync(app, d => d.SetStateAsync(waiting.Id, TicketState.WaitingForMember));

        async Task<int> WarnAsync()
        {
            await using var scope = app.Scope();
            return await scope.ServiceProvider.GetRequiredService<RightHand.Support.Sla.SlaWarnings>().SendDueAsync();
        }
        async Task<List<RightHand.Platform.Mail.OutgoingMail>> WarningsAsync()
        {
            await using var scope = app.Scope();
            return await scope.ServiceProvider.GetRequiredService<AppDb>().OutgoingMails.AsNoTracking().Where(m => m.Subject.StartsWith("SLA")).ToListAsync();
        }

        clock.Advance(TimeSpan.FromMinutes(30)); // 08:30 UTC: within the hour before 09:00
        Assert.Equal(1, await WarnAsync());
        var mail = Assert.Single(await WarningsAsync());
        Assert.Equal(assistant.Email, mail.To);
        // In the assistant's language (German unless they chose English).
        Assert.StartsWith($"SLA-Warnung: erste Antwort auf {urgent.Reference} fällig", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"/support/tickets/{urgent.Number}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Zugang", mail.TextBody, StringComparison.Ordinal); // the member's words stay out of staff mail
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await WarnAsync()); // once per due time
        Assert.Single(await WarningsAsync());
    }
}
