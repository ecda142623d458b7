using System.Net;
using Microsoft.EntityFrameworkCore;
using RightHand.Support;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using RightHand.Tests.Support.Inbound;
using RightHand.Tests.Support.Portal;
using Xunit;

namespace RightHand.Tests.Support.Links;

/// <summary>Splitting a message off into a new ticket, and parent/child links with their refusals, through the ticket page.</summary>
public sealed class TicketSplitAndParentTests
{
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Split_MovesTheMessageAndTheLaterOnesToANewTicketOfTheSameRequester_WithNotesOnBoth(Engine engine)
    {
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings, clock);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var anna = await SupportPages.MemberAsync(app, owner.PersonId, "Anna", "Adams", "anna@example.org");
        var ticket = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Email, new TicketRequester(anna.Id, null), "Login fails", "I cannot sign in.",
            Priority: TicketPriority.High, Language: "en"));
        clock.Advance(TimeSpan.FromMinutes(10));
        await PortalTicketSteps.DeskAsync(app, desk => desk.ReplyAsync(ticket.Id, owner.PersonId, "Try the reset link."));
        clock.Advance(TimeSpan.FromMinutes(10));
        await PortalTicketSteps.DeskAsync(app, desk => desk.AddRequesterMessageAsync(ticket.Id, "Also: please change my address.", TicketChannel.Email));
        clock.Advance(TimeSpan.FromMinutes(10));
        await PortalTicketSteps.DeskAsync(app, desk => desk.ReplyAsync(ticket.Id, owner.PersonId, "Address changed."));
        var messages = await ReceivedMail.QueryAsync(app, db => db.TicketMessages.AsNoTracking().OrderBy(m => m.CreatedAt).Select(m => m.Id).ToListAsync());

        // The first message with all later ones would leave nothing behind.
        var refused = await owner.Client.SubmitAsync("/support/tickets/10001", "split", new Dictionary<string, string>
        {
            ["SplitForm.Message"] = messages[0].ToString(), ["SplitForm.WithLater"] = "true",
        });
        Assert.Contains("at least one message must stay", Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector(".alert-error")!.TextContent,
            StringComparison.Ordinal);

        await SupportPages.SentAsync(await owner.Client.SubmitAsync("/support/tickets/10001", "split", new Dictionary<string, string>
        {
            ["SplitForm.Message"] = messages[2].ToString(), ["SplitForm.WithLater"] = "true", ["SplitForm.Subject"] = "",
        }), "/support/tickets/10002?done=changed");
        var split = await PortalTicketSteps.TicketAsync(app, 10002);
        Assert.Equal(("Login fails (split)", anna.Id, "en", TicketPriority.High, TicketState.Open),
            (split.Subject, split.RequesterMemberId, split.Language, split.Priority, split.State));
        var page = await Html.GetAsync(owner.Client, "/support/tickets/10002");
        Assert.Equal(["requester", "reply", "note"], page.QuerySelectorAll("[data-message-kind]").Select(m => m.GetAttribute("data-message-kind")));
        Assert.Contains("Split off from #10001", page.QuerySelector("[data-message-kind=note]")!.TextContent, StringComparison.Ordinal);
        var original = await Html.GetAsync(owner.Client, "/support/tickets/10001");
        Assert.Equal(["requester", "reply", "note"], original.QuerySelectorAll("[data-message-kind]").Select(m => m.GetAttribute("data-message-kind")));
        Assert.Contains("Split off into #10002", original.QuerySelector("[data-message-kind=note]")!.TextContent, StringComparison.Ordinal);

        // Only the chosen message, under a subject staff give.
        await SupportPages.SentAsync(await owner.Client.SubmitAsync("/support/tickets/10001", "split", new Dictionary<string, string>
        {
            ["SplitForm.Message"] = messages[1].ToString(), ["SplitForm.Subject"] = "Reset link",
        }), "/support/tickets/10003?done=changed");
        Assert.Equal("Reset link", (await PortalTicketSteps.TicketAsync(app, 10003)).Subject);
        Assert.Equal(["requester", "note", "note"], (await Html.GetAsync(owner.Client, "/support/tickets/10001"))
            .QuerySelectorAll("[data-message-kind]").Select(m => m.GetAttribute("data-message-kind")));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Parent_ShowsOnBothPagesWithStates_AndNoTicketBecomesItsOwnAncestor(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ReceivedMail.Settings, new ManualClock());
        var owner = await StaffSession.SetUpOwnerAsync(app);
        foreach (var subject in new[] { "Outage", "Cannot log in", "Site down" }) await SupportPages.OpenByMailAsync(app, "someone@example.org", subject);

        async Task<HttpResponseMessage> ParentAsync(long child, string parent) =>
            await owner.Client.SubmitAsync($"/support/tickets/{child}", "link-parent", new Dictionary<string, string> { ["ParentNumber"] = parent });
        async Task<string> RefusedAsync(long child, string parent)
        {
            var response = await ParentAsync(child, parent);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".alert-error")!.TextContent;
        }

        await SupportPages.SentAsync(await ParentAsync(10002, "#10001"), "/support/tickets/10002?done=changed");
        await SupportPages.SentAsync(await ParentAsync(10003, "10002"), "/support/tickets/10003?done=changed");
        var parent = await Html.GetAsync(owner.Client, "/support/tickets/10001");
        Assert.Contains("#10002 Cannot log in", parent.QuerySelector("[data-testid=children]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("New", parent.QuerySelector("[data-testid=children] .badge")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("#10001", (await Html.GetAsync(owner.Client, "/support/tickets/10002")).QuerySelector("[data-testid=parent]")!.TextContent, StringComparison.Ordinal);

        Assert.Contains("cannot be its own parent", await RefusedAsync(10001, "10001"), StringComparison.Ordinal);
        Assert.Contains("cannot be its own ancestor", await RefusedAsync(10001, "10002"), StringComparison.Ordinal);
        Assert.Contains("cannot be its own ancestor", await RefusedAsync(10001, "10003"), StringComparison.Ordinal);
        Assert.Null((await PortalTicketSteps.TicketAsync(app, 10001)).ParentId);

        // Solving the parent offers to solve its open children.
        var outage = await PortalTicketSteps.TicketAsync(app, 10001);
        Assert.Null((await Html.GetAsync(owner.Client, "/support/tickets/10001")).QuerySelector("[data-testid=solve-children]"));
        await PortalTicketSteps.DeskAsync(app, desk => desk.SetStateAsync(outage.Id, TicketState.Solved));
        await SupportPages.SentAsync(await owner.Client.SubmitAsync("/support/tickets/10001", "solve-children", new Dictionary<string, string>()),
            "/support/tickets/10001?done=changed");
        Assert.Equal((TicketState.Solved, TicketState.New), ((await PortalTicketSteps.TicketAsync(app, 10002)).State, (await PortalTicketSteps.TicketAsync(app, 10003)).State));

        // An empty number takes the parent away.
        await SupportPages.SentAsync(await ParentAsync(10003, ""), "/support/tickets/10003?done=changed");
        Assert.Null((await PortalTicketSteps.TicketAsync(app, 10003)).ParentId);
    }
}
