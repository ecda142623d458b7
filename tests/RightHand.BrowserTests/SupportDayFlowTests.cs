using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;
using RightHand.BrowserTests.Pages;
using RightHand.Members;
using RightHand.Support;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>
/// Issue 5, the assistant's day at the desk: triage of the unassigned tickets, a macro, a duplicate merged, a bug
/// escalated to IT with a report, IT fixing it in its own queue, the suggested reply sent, the member's one-click rating,
/// and a personal matter handed to the owner, who finishes it in their queue.
/// </summary>
public sealed partial class SupportDayFlowTests(OwnerFixture fixture) : IClassFixture<OwnerFixture>
{
    private static readonly Person Assistant = Journeys.Assistant("Sam Support", "en");
    private static readonly Person ItPerson = new("Ian Tech", "ian@example.com", "it passphrase, long enough too", "en");

    [Fact]
    public async Task The_assistant_triages_applies_a_macro_merges_escalates_and_the_ticket_comes_back_solved_and_rated()
    {
        var app = fixture.App;
        var t = new UiTexts(app, "en");
        var seed = await SeedAsync();

        var owner = await fixture.NewOwnerPageAsync();
        var sam = await Journeys.BringInAsync(fixture, owner, app, t, Assistant);
        var ian = await BringInItAsync(owner, t);

        // Triage: the unassigned view lists the morning's mail; the password question gets its category and the macro.
        await sam.GotoAsync(Journeys.Url(app, "/support?view=unassigned"));
        await Expect(sam.Locator("main")).ToContainTextAsync("Forgot my password");
        await Expect(sam.Locator("main")).ToContainTextAsync("Video keeps freezing");
        await Screenshots.SaveAsync(sam, "support-day-unassigned-en");
        await sam.GetByRole(AriaRole.Link, new() { Name = "Forgot my password" }).ClickAsync();
        await sam.Locator("#p-category").SelectOptionAsync(new SelectOptionValue { Label = "Sign-in" });
        await sam.GetByRole(AriaRole.Button, new() { Name = t["Set category"] }).ClickAsync();
        await Expect(sam.Locator("#p-category option:checked")).ToHaveTextAsync("Sign-in");
        await sam.Locator("#mp-macro").SelectOptionAsync(new SelectOptionValue { Label = "Password link sent" });
        await sam.GetByRole(AriaRole.Button, new() { Name = t["Apply macro"] }).ClickAsync();
        await Expect(sam.GetByTestId("state")).ToHaveTextAsync(t["Waiting for member"]);
        await Expect(sam.GetByTestId("conversation")).ToContainTextAsync("Hello Anna, the link in \"Forgot password\" is valid for 24 hours.");
        await Expect(sam.GetByTestId("tag")).ToHaveTextAsync("password");
        await Screenshots.SaveAsync(sam, "support-day-macro-en");

        // The second mail about the video is the same problem: merged into the first.
        await sam.GotoAsync(Journeys.Url(app, $"/support/tickets/{seed.Duplicate}"));
        await sam.GetByLabel(t["Merge this ticket into (number)"]).FillAsync(seed.Video.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await sam.GetByRole(AriaRole.Button, new() { Name = t["Check merge"] }).ClickAsync();
        await Expect(sam.GetByTestId("merge-preview")).ToContainTextAsync("Video keeps freezing");
        await sam.GetByRole(AriaRole.Button, new() { Name = t["Merge"], Exact = true }).ClickAsync();
        await Expect(sam).ToHaveURLAsync(new Regex($"/support/tickets/{seed.Video}"));
        await Expect(sam.GetByTestId("conversation")).ToContainTextAsync("Still freezing today");
        await Expect(sam.GetByTestId("merged-here")).ToContainTextAsync($"#{seed.Duplicate}");

        // A bug: escalated to IT with a report IT can act on.
        await sam.GetByText(t["Escalate to IT"], new() { Exact = true }).First.ClickAsync();
        await sam.GetByLabel(t["Summary"], new() { Exact = true }).FillAsync("Webinar video freezes in Firefox");
        await sam.GetByLabel(t["Steps to reproduce"]).FillAsync("1. Sign in\n2. Open the November webinar\n3. Play for a minute");
        await sam.GetByLabel(t["Expected result"]).FillAsync("The video plays on.");
        await sam.GetByLabel(t["Actual result"]).FillAsync("The picture stops, the sound goes on.");
        await sam.GetByLabel(t["Environment (browser, device, app version)"]).FillAsync("Firefox 133, Windows 11");
        await sam.Locator("#e-severity").SelectOptionAsync("High");
        await sam.GetByRole(AriaRole.Button, new() { Name = t["Escalate to IT"] }).ClickAsync();
        await Expect(sam.GetByTestId("state")).ToHaveTextAsync(t["Waiting for IT"]);
        await Expect(sam.GetByTestId("escalation-status")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(sam, "support-day-escalated-en");

        // IT works in its own queue, sees the report (not the member's conversation) and marks it fixed.
        await ian.GotoAsync(Journeys.Url(app, "/support/it"));
        await Expect(ian.GetByTestId("escalation-row")).ToContainTextAsync("Webinar video freezes in Firefox");
        await Screenshots.SaveAsync(ian, "support-day-it-queue-en");
        await ian.GetByRole(AriaRole.Link, new() { Name = "Webinar video freezes in Firefox" }).ClickAsync();
        await Expect(ian.GetByTestId("steps")).ToContainTextAsync("Open the November webinar");
        await Expect(ian.Locator("body")).Not.ToContainTextAsync("Still freezing today");
        await ian.Locator("#s-action").SelectOptionAsync("Fixed");
        await ian.GetByLabel(t["Question, fix note or reason (needed except for confirmed)"]).FillAsync("The player buffers correctly again since version 2.4.1.");
        await ian.GetByRole(AriaRole.Button, new() { Name = t["Set status"] }).ClickAsync();
        await Expect(ian.GetByTestId("status")).ToHaveTextAsync(t["Fixed"]);
        await Screenshots.SaveAsync(ian, "support-day-escalation-en");
        await ian.GotoAsync(Journeys.Url(app, $"/support/tickets/{seed.Video}"));
        await Expect(ian.Locator("body")).Not.ToContainTextAsync("Still freezing today");

        // Back with the assistant: the ticket is open again with a suggested reply, which she sends as the solution.
        await sam.GotoAsync(Journeys.Url(app, $"/support/tickets/{seed.Video}"));
        await Expect(sam.GetByTestId("state")).ToHaveTextAsync(t["Open"]);
        await Expect(sam.GetByTestId("suggested-reply")).ToContainTextAsync("2.4.1");
        await sam.GetByTestId("use-suggested-reply").ClickAsync();
        await Expect(sam.Locator("#m-body")).ToHaveValueAsync(new Regex("2\\.4\\.1"));
        await sam.Locator("#m-then").SelectOptionAsync("Solved");
        await sam.GetByRole(AriaRole.Button, new() { Name = t["Send"], Exact = true }).ClickAsync();
        await Expect(sam.GetByTestId("state")).ToHaveTextAsync(t["Solved"]);

        // The member rates with the link in the mail, without signing in; the assistant sees it on the ticket.
        var member = await fixture.NewPageAsync("en");
        await member.GotoAsync(await RatingLinkAsync(owner, t, "anna.adams@example.org", 5));
        await member.GetByLabel(t["Comment (optional)"]).FillAsync("Works again, thank you!");
        await member.GetByRole(AriaRole.Button, new() { Name = t["Send my rating"] }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await sam.ReloadAsync();
        await Expect(sam.GetByTestId("rating-comment")).ToHaveTextAsync("Works again, thank you!");

        // A personal matter goes straight to the owner, who answers it and finishes it in the owner's queue.
        await sam.GotoAsync(Journeys.Url(app, $"/support/tickets/{seed.Personal}"));
        await sam.GetByText(t["Escalate to owner"], new() { Exact = true }).First.ClickAsync();
        await sam.Locator("#o-reason").SelectOptionAsync("AppointmentRequest");
        await sam.GetByLabel(t["Note to the owner"]).FillAsync("She wants to talk about a partnership in person.");
        await sam.GetByRole(AriaRole.Button, new() { Name = t["Escalate to owner"] }).ClickAsync();
        await Expect(sam.GetByTestId("state")).ToHaveTextAsync(t["Waiting for owner"]);
        await owner.GotoAsync(Journeys.Url(app, "/support/owner"));
        await Expect(owner.GetByTestId("escalation-row")).ToContainTextAsync("Partnership");
        await Screenshots.SaveAsync(owner, "support-day-owner-queue-en");
        await owner.GetByTestId("escalation-row").GetByRole(AriaRole.Link, new() { Name = t["Hand back or finish"] }).ClickAsync();
        await owner.Locator("#o-action").SelectOptionAsync("done");
        await owner.GetByLabel(t["Note to the agent"]).FillAsync("I called her; we meet on Thursday.");
        await owner.GetByRole(AriaRole.Button, new() { Name = t["Finish"] }).ClickAsync();
        await Expect(owner.GetByTestId("status")).ToHaveTextAsync(t["Finished"]);
        await owner.GotoAsync(Journeys.Url(app, "/support/owner"));
        await Expect(owner.GetByTestId("escalation-row")).ToHaveCountAsync(0);
    }

    private sealed record Seeded(long Password, long Video, long Duplicate, long Personal);

    /// <summary>A member's three mails of the morning, a canned answer with its macro, and the categories.</summary>
    private async Task<Seeded> SeedAsync()
    {
        var app = fixture.App;
        var ownerId = await DelegationSeeds.PersonIdAsync(app, fixture.Owner.Email);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var anna = await MemberSeeds.CreateAsync(fixture, "Anna", "Adams", "anna.adams@example.org", "en");
        var categories = services.GetRequiredService<TicketCategories>();
        foreach (var name in new[] { "Sign-in", "Technical problem" }) Assert.True((await categories.AddAsync(name)).Succeeded);
        var (saved, answer) = await services.GetRequiredService<RightHand.Support.Answers.CannedAnswers>().SaveAsync(null,
            new("en", "Reset your password", "Sign-in", "Hello {{member.first_name}}, the link in \"Forgot password\" is valid for 24 hours.", true), ownerId, isOwner: true);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        var (macro, _) = await services.GetRequiredService<RightHand.Support.Macros.SupportMacros>().SaveAsync(null, new RightHand.Support.Macros.Pages.MacroForm
        {
            Name = "Password link sent", AnswerEn = answer!.Value.ToString(), StateAfter = nameof(TicketState.WaitingForMember), Tags = "password",
            Assignee = RightHand.Support.Macros.MacroAssignee.Me,
        });
        Assert.True(macro.Succeeded, string.Join("; ", macro.Errors));

        var desk = services.GetRequiredService<TicketDesk>();
        async Task<long> OpenAsync(string subject, string body)
        {
            var (opened, ticket) = await desk.OpenAsync(new NewTicket(TicketChannel.Email, new TicketRequester(anna.Id, null), subject, body));
            Assert.True(opened.Succeeded, string.Join("; ", opened.Errors));
            return ticket!.Number;
        }
        return new Seeded(
            await OpenAsync("Forgot my password", "The reset link never arrives."),
            await OpenAsync("Video keeps freezing", "The webinar video stops after a minute in Firefox."),
            await OpenAsync("Video still freezing", "Still freezing today, same webinar."),
            await OpenAsync("Partnership", "Could I talk to the founder about a partnership?"));
    }

    /// <summary>IT is invited with its own role and accepts; the role needs no second factor, so the page ends on the dashboard.</summary>
    private async Task<IPage> BringInItAsync(IPage owner, UiTexts t)
    {
        var people = new PeoplePage(owner, t);
        await people.OpenAsync(fixture.App.BaseUrl);
        await people.InviteAsync(ItPerson.Name, ItPerson.Email, ItPerson.Language, "IT");
        await Expect(people.Status).ToContainTextAsync(ItPerson.Email);
        var outbox = new OutboxPage(owner, t);
        await outbox.OpenMailToAsync(new Shell(owner, t), ItPerson.Email);
        var link = await outbox.InvitationLinkAsync();
        var page = await fixture.NewPageAsync(ItPerson.Language);
        await page.GotoAsync(link);
        await new InvitationPage(page, t).AcceptAsync(ItPerson.Password);
        await Expect(new DashboardPage(page, t).Greeting(ItPerson.FirstName)).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The rating link for <paramref name="score"/> from the newest mail to the member, on this test's app.</summary>
    private async Task<string> RatingLinkAsync(IPage owner, UiTexts t, string email, int score)
    {
        // The rating request, not the reply that went out with it.
        var outbox = new OutboxPage(owner, t);
        await new Shell(owner, t).NavLink("Outbox").ClickAsync();
        await outbox.Heading.WaitForAsync();
        await owner.GetByRole(AriaRole.Row).Filter(new() { HasText = email }).Filter(new() { HasText = "How did we do?" }).First.GetByRole(AriaRole.Link).ClickAsync();
        await outbox.MailBody.WaitForAsync();
        var match = RateLink().Matches(await outbox.MailBody.InnerTextAsync()).FirstOrDefault(m => m.Groups["score"].Value == score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(match);
        return Journeys.Url(fixture.App, match.Groups["path"].Value);
    }

    [GeneratedRegex(@"https?://[^/\s]+(?<path>/portal/rate/\S+?score=(?<score>\d))")]
    private static partial Regex RateLink();
}
