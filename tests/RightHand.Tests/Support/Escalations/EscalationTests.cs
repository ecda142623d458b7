using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Access;
using RightHand.Platform.Database;
using RightHand.Support;
using RightHand.Support.Escalations;
using RightHand.Tests.Access;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Support.Escalations;

/// <summary>Escalation to IT and to the owner through the pages: the report, IT's queue and questions, the way back to the agent.</summary>
public sealed class EscalationTests
{
    private static readonly Dictionary<string, string?> NoBackgroundWork = new() { ["Jobs:Enabled"] = "false" };

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task EscalateToIt_RefusesAReportWithMissingFields_NamingEach_AndChangesNothing(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, NoBackgroundWork);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var ticket = await SupportPages.OpenByMailAsync(app, "anna@example.org", "App broken");

        var empty = await EscalationPages.EscalateToItAsync(owner.Client, ticket.Number, new Dictionary<string, string> { ["AffectedMember"] = "M-404" });
        var errors = Html.Parse(await empty.Content.ReadAsStringAsync()).QuerySelector(".alert-error")!.TextContent;
        foreach (var field in new[] { "Summary:", "Steps to reproduce:", "Expected result:", "Actual result:", "Environment:", "Severity:", "Affected member: no member has the number M-404" })
            Assert.Contains(field, errors, StringComparison.Ordinal);
        // A file that only claims to be a picture is refused by name.
        var notPicture = await EscalationPages.EscalateToItAsync(owner.Client, ticket.Number, EscalationPages.Report(), ("shot.png", "image/png", "<html>"u8.ToArray()));
        Assert.Contains("Screenshot shot.png: only pictures", await notPicture.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.False(await db.Escalations.AnyAsync());
        Assert.Equal(TicketState.New, (await db.Tickets.SingleAsync()).State);
        Assert.Equal(1, await db.TicketMessages.CountAsync());
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task FullLoop_ItAsksBack_AgentAnswers_ItFixes_TicketComesBackWithASuggestedReplyAndAMail(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, NoBackgroundWork);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var agent = await owner.InviteAndAcceptAsync(app, "Vera Assistant", "vera@example.org", Roles.Assistant);
        var it = await owner.InviteAndAcceptAsync(app, "Jonas IT", "jonas@example.org", Roles.It);
        var member = await SupportPages.MemberAsync(app, owner.PersonId, "Anna", "Schmidt", "anna@example.org", language: "en");
        var ticket = await SupportPages.OpenAsync(app, new NewTicket(TicketChannel.Portal, new TicketRequester(member.Id, null), "Cannot sign in", "The button does nothing."));

        var escalated = await EscalationPages.EscalateToItAsync(agent.Client, ticket.Number, EscalationPages.Report(), ("login.png", "image/png", EscalationPages.Png));
        await SupportPages.SentAsync(escalated, $"/support/tickets/{ticket.Number}?done=changed");
        var page = await Html.GetAsync(agent.Client, $"/support/tickets/{ticket.Number}");
        Assert.Equal("Waiting for IT", page.QuerySelector("[data-testid=state]")!.TextContent.Trim());
        Assert.Equal("New", page.QuerySelector("[data-testid=escalation-status]")!.TextContent.Trim());
        Assert.Contains("Escalated to IT (high): Login button does nothing", page.QuerySelector("[data-testid=conversation]")!.TextContent, StringComparison.Ordinal);
        var link = page.QuerySelector("[data-testid=escalation-link]")!.GetAttribute("href")!;

        // IT: the queue and the report with the screenshot and the member's number and name, but not the ticket itself.
        var queue = await Html.GetAsync(it.Client, "/support/it");
        Assert.Contains("Login button does nothing", queue.QuerySelector("[data-testid=escalation-row]")!.TextContent, StringComparison.Ordinal);
        var report = await Html.GetAsync(it.Client, link);
        Assert.Equal($"{member.Number} Anna Schmidt", report.QuerySelector("[data-testid=affected-member]")!.TextContent.Trim());
        var shot = await it.Client.GetAsync(report.QuerySelector("[data-testid=screenshot]")!.GetAttribute("href"));
        Assert.Equal(EscalationPages.Png, await shot.Content.ReadAsByteArrayAsync());
        Assert.Equal("/access-denied", Html.LocationPath(await it.Client.GetAsync($"/support/tickets/{ticket.Number}")));
        Assert.Equal("/access-denied", Html.LocationPath(await it.Client.GetAsync("/support")));

        // IT asks back; the agent sees the question on the ticket and answers it on the escalation.
        await SupportPages.SentAsync(await it.Client.SubmitAsync(link, "status", new Dictionary<string, string> { ["Status.Action"] = "NeedsInformation", ["Status.Text"] = "Which app version exactly?" }),
            link + "?done=changed");
        page = await Html.GetAsync(agent.Client, $"/support/tickets/{ticket.Number}");
        Assert.Contains("Which app version exactly?", page.QuerySelector("[data-testid=escalation-question]")!.TextContent, StringComparison.Ordinal);
        await SupportPages.SentAsync(await agent.Client.SubmitAsync(link, "answer", new Dictionary<string, string> { ["Answer.Text"] = "2.3.1 from the App Store" }), link + "?done=changed");
        // Marking it fixed is IT's, not the agent's.
        Assert.Null((await Html.GetAsync(agent.Client, link)).QuerySelector("input[name=_handler][value='status']"));
        report = await Html.GetAsync(it.Client, link);
        Assert.Equal("Information given", report.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.Contains("2.3.1 from the App Store", report.QuerySelector("[data-testid=history]")!.TextContent, StringComparison.Ordinal);

        // Fixed without a note is refused; with it, the ticket is the agent's again.
        var noNote = await it.Client.SubmitAsync(link, "status", new Dictionary<string, string> { ["Status.Action"] = "Fixed", ["Status.Text"] = "" });
        Assert.Contains("Fix note: write a text", await noNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await SupportPages.SentAsync(await it.Client.SubmitAsync(link, "status", new Dictionary<string, string> { ["Status.Action"] = "Fixed", ["Status.Text"] = "Version 2.3.2 repairs the button." }),
            link + "?done=changed");
        page = await Html.GetAsync(agent.Client, $"/support/tickets/{ticket.Number}");
        Assert.Equal("Open", page.QuerySelector("[data-testid=state]")!.TextContent.Trim());
        var suggestion = page.QuerySelector("[data-testid=suggested-reply]")!.TextContent;
        Assert.Contains("Hello Anna,", suggestion, StringComparison.Ordinal);
        Assert.Contains("(Login button does nothing) has been fixed", suggestion, StringComparison.Ordinal);
        Assert.Contains("Version 2.3.2 repairs the button.", suggestion, StringComparison.Ordinal);
        var filled = await Html.GetAsync(agent.Client, page.QuerySelector("[data-testid=use-suggested-reply]")!.GetAttribute("href")!);
        Assert.Contains("Version 2.3.2 repairs the button.", filled.QuerySelector("#m-body")!.TextContent, StringComparison.Ordinal);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.Equal(agent.PersonId, (await db.Tickets.SingleAsync()).AssigneeId);
        var mail = await db.OutgoingMails.Where(m => m.To == "vera@example.org").OrderByDescending(m => m.CreatedAt).FirstAsync();
        Assert.Contains("IT has fixed the problem of ticket #10001", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(["Escalated", "AskedForInformation", "Answered", "Fixed"], await db.EscalationEvents.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Kind.ToString()).ToListAsync());
    }

    [Theory, MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task OwnerEscalation_ShowsInTheOwnersQueue_NotToIt_AndHandingBackReturnsTheTicketToTheAgent(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, NoBackgroundWork);
        var owner = await StaffSession.SetUpOwnerAsync(app);
        var agent = await owner.InviteAndAcceptAsync(app, "Vera Assistant", "vera@example.org", Roles.Assistant);
        var it = await StaffSession.CreateAndSignInAsync(app, Roles.It);
        var ticket = await SupportPages.OpenByMailAsync(app, "paul@example.org", "Can I talk to the founder?");
        var page = $"/support/tickets/{ticket.Number}";

        var noReason = await agent.Client.SubmitAsync(page, "escalate-owner", new Dictionary<string, string> { ["Owner.Note"] = "Wants a call" });
        Assert.Contains("Reason: choose appointment request", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await SupportPages.SentAsync(await agent.Client.SubmitAsync(page, "escalate-owner", new Dictionary<string, string>
        {
            ["Owner.Reason"] = "AppointmentRequest", ["Owner.Note"] = "Wants a call about the premium plan",
        }), page + "?done=changed");
        Assert.Equal("Waiting for owner", (await Html.GetAsync(agent.Client, page)).QuerySelector("[data-testid=state]")!.TextContent.Trim());

        var queue = await Html.GetAsync(owner.Client, "/support/owner");
        var row = queue.QuerySelector("[data-testid=escalation-row]")!;
        Assert.Contains("appointment request", row.TextContent, StringComparison.Ordinal);
        var anchors = row.QuerySelectorAll("a");
        var link = anchors[anchors.Length - 1].GetAttribute("href")!;
        Assert.Equal("/access-denied", Html.LocationPath(await agent.Client.GetAsync("/support/owner")));
        Assert.Equal("/access-denied", Html.LocationPath(await it.Client.GetAsync("/support/owner")));
        // A personal matter is not IT's: the escalation does not exist for them.
        Assert.Contains("This escalation does not exist.", await it.Client.GetStringAsync(link), StringComparison.Ordinal);

        await SupportPages.SentAsync(await owner.Client.SubmitAsync(link, "owner", new Dictionary<string, string>
        {
            ["Owner.Action"] = "handback", ["Owner.Text"] = "Please send him my booking link.",
        }), link + "?done=changed");
        Assert.Empty((await Html.GetAsync(owner.Client, "/support/owner")).QuerySelectorAll("[data-testid=escalation-row]"));
        var back = await Html.GetAsync(agent.Client, page);
        Assert.Equal("Open", back.QuerySelector("[data-testid=state]")!.TextContent.Trim());
        Assert.Contains("Please send him my booking link.", back.QuerySelector("[data-testid=conversation]")!.TextContent, StringComparison.Ordinal);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.Equal(agent.PersonId, (await db.Tickets.SingleAsync()).AssigneeId);
        Assert.True(await db.OutgoingMails.AnyAsync(m => m.To == "vera@example.org" && m.Subject.Contains("handed ticket #10001 back")));
    }
}
