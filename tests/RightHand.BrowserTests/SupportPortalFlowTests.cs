using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RightHand.BrowserTests.Infrastructure;
using RightHand.Members;
using static Microsoft.Playwright.Assertions;

namespace RightHand.BrowserTests;

/// <summary>
/// Issue 5, the member's side: a member asks in the portal, is offered an FAQ answer while typing, asks anyway with a
/// hostile subject, body and file name, gets the team's reply, rates it — and never sees another member's request.
/// Every script in the payloads stays inert on the staff and the portal pages.
/// </summary>
public sealed class SupportPortalFlowTests(OwnerFixture fixture) : IClassFixture<OwnerFixture>
{
    private Task<Member> MemberAsync(string first, string last, string email, string language) =>
        MemberSeeds.CreateAsync(fixture, first, last, email, language);

    [Fact]
    public async Task A_member_asks_is_answered_and_rates_and_hostile_input_stays_text()
    {
        var app = fixture.App;
        var t = new UiTexts(app, "en");
        var guard = new ScriptGuard();
        var ownerId = await DelegationSeeds.PersonIdAsync(app, fixture.Owner.Email);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (saved, _) = await scope.ServiceProvider.GetRequiredService<RightHand.Support.Answers.CannedAnswers>().SaveAsync(null,
                new("en", "Reset your password", "Sign-in", "Hello {{member.first_name}},\n\"Forgot password\" on the sign-in page sends you a new link.", true), ownerId, isOwner: true);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        }
        var eve = await MemberAsync("Eve", "Evans", "eve.evans@example.org", "en");
        var other = await MemberAsync("Otto", "Other", "otto.other@example.org", "en");
        long othersTicket;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (opened, ticket) = await scope.ServiceProvider.GetRequiredService<RightHand.Support.TicketDesk>().OpenAsync(new(RightHand.Support.TicketChannel.Portal,
                new(other.Id, null), "Otto's private question", "Something only Otto and the team may read."));
            Assert.True(opened.Succeeded, string.Join("; ", opened.Errors));
            othersTicket = ticket!.Number;
        }

        var owner = guard.Watch(await fixture.NewOwnerPageAsync());
        var member = guard.Watch(await PortalSessions.InviteAndSignInAsync(fixture, app, owner, eve.Number, "eve.evans@example.org", "en"));

        // While she types the subject, the published answer is suggested.
        await member.GotoAsync(Journeys.Url(app, "/portal/tickets/new"));
        await Expect(member.Locator("link[href='css/portal.css']")).ToHaveCountAsync(1);
        await member.GetByLabel(t["Subject"]).PressSequentiallyAsync("password", new() { Delay = 30 });
        await Expect(member.Locator("#faq-suggestions")).ToContainTextAsync("Reset your password");
        await Screenshots.SaveAsync(member, "portal-ticket-suggestions-en");

        // She asks anyway, with a subject, text and file name that would run scripts if anything rendered them as markup.
        await member.GetByLabel(t["Subject"]).FillAsync(ScriptGuard.Subject);
        await member.GetByLabel(t["Your message"]).FillAsync(ScriptGuard.Body);
        await member.Locator("#t-files").SetInputFilesAsync(new FilePayload { Name = ScriptGuard.FileName, MimeType = "text/html", Buffer = "<script>window.__xss='file'</script>"u8.ToArray() });
        await member.GetByRole(AriaRole.Button, new() { Name = t["Send question"] }).ClickAsync();
        await Expect(member).ToHaveURLAsync(new Regex(@"/portal/tickets/\d+\?done=opened"));
        await Expect(member.GetByTestId("subject")).ToHaveTextAsync(ScriptGuard.Subject);
        await Expect(member.GetByTestId("conversation")).ToContainTextAsync("<script>window.__xss='body'</script>");
        var number = long.Parse((await member.GetByTestId("number").TextContentAsync())!.TrimStart('#'), System.Globalization.CultureInfo.InvariantCulture);
        await guard.AssertInertAsync(member);

        // Staff see the same text as text: in the list, on the ticket page, in search, and the file only downloads.
        await owner.GotoAsync(Journeys.Url(app, "/support?view=all"));
        await Expect(owner.Locator("main")).ToContainTextAsync(ScriptGuard.Subject);
        await guard.AssertInertAsync(owner);
        await owner.GotoAsync(Journeys.Url(app, "/support?view=all&q=login"));
        await Expect(owner.Locator("main")).ToContainTextAsync(ScriptGuard.Subject);
        await guard.AssertInertAsync(owner);
        await owner.GotoAsync(Journeys.Url(app, $"/support/tickets/{number}"));
        await Expect(owner.GetByTestId("subject")).ToHaveTextAsync(ScriptGuard.Subject);
        await Expect(owner.GetByTestId("attachment")).ToContainTextAsync("img src=x");
        await guard.AssertInertAsync(owner);
        var file = await owner.Context.APIRequest.GetAsync(await owner.GetByTestId("attachment").GetAttributeAsync("href") is { } href ? Journeys.Url(app, href) : "");
        Assert.StartsWith("attachment", file.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("nosniff", file.Headers["x-content-type-options"]);

        // The owner answers and solves it; Eve reads the answer and rates it in the portal.
        await owner.GetByLabel(t["Message"], new() { Exact = true }).FillAsync("Hello Eve, I have sent you a new sign-in link.");
        await owner.Locator("#m-then").SelectOptionAsync("Solved");
        await owner.GetByRole(AriaRole.Button, new() { Name = t["Send"], Exact = true }).ClickAsync();
        await Expect(owner.GetByTestId("state")).ToHaveTextAsync(t["Solved"]);
        await member.GotoAsync(Journeys.Url(app, $"/portal/tickets/{number}"));
        await Expect(member.GetByTestId("conversation")).ToContainTextAsync("I have sent you a new sign-in link.");
        await member.GetByLabel(t["5 – excellent"]).CheckAsync();
        await member.GetByLabel(t["Comment (optional)"]).FillAsync("Fast and friendly.");
        await member.GetByRole(AriaRole.Button, new() { Name = t["Send my rating"] }).ClickAsync();
        await Expect(member.GetByTestId("rating")).ToContainTextAsync("5");
        await Screenshots.SaveAsync(member, "portal-ticket-rated-en");
        await guard.AssertInertAsync(member);
        await owner.GotoAsync(Journeys.Url(app, $"/support/tickets/{number}"));
        await Expect(owner.GetByTestId("rating-comment")).ToHaveTextAsync("Fast and friendly.");

        // Otto's request is not hers, whatever she types into the address.
        await member.GotoAsync(Journeys.Url(app, $"/portal/tickets/{othersTicket}"));
        await Expect(member.Locator("body")).Not.ToContainTextAsync("Otto");
        await Expect(member.Locator("body")).Not.ToContainTextAsync("Something only Otto");
        await member.GotoAsync(Journeys.Url(app, "/portal/tickets"));
        await Expect(member.Locator("main")).ToContainTextAsync(ScriptGuard.Subject);
        await Expect(member.Locator("main")).Not.ToContainTextAsync("Otto's private question");
        await guard.AssertInertAsync(member);
    }
}
